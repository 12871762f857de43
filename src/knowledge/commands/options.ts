/**
 * The options a tool really has, kept beside its command builders: the tests run every command
 * a playbook can print against stub binaries and check each option they receive against these
 * lists (commands.test.ts). Each list cites where it comes from.
 */
export interface ToolOptions {
  /** The reference (page or source and version) the options were taken from. */
  source: string;
  /** Options valid with every subcommand (global flags), short and long, e.g. `-n`, `--namespace`. */
  global: string[];
  /**
   * Options per subcommand path, e.g. `logs`, `auth can-i`, `cloudtrail lookup-events`; `''` for a
   * tool without subcommands. A subcommand not listed here is not one our commands use.
   */
  commands: Record<string, string[]>;
  /** Options that take the next word as their value when not written `--name=value`. */
  takesValue: string[];
  /**
   * The tool lets short options be bundled (`-tuanp`, `-la`): each letter is checked.
   * False for tools whose single-dash options are words (`find -xdev`, `gcloud` none).
   */
  bundles?: boolean;
}
