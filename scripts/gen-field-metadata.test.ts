import { describe, expect, it } from 'vitest';
import { parseCppPluginFields, parseGoFields, parseLibsTable, render } from './gen-field-metadata';

// Small inputs written in the shape of the upstream tables (not copied from them).
const LIBS = `
// a comment with a "quote" and an apostrophe's
static const filtercheck_field_info demo_fields[] = {
        {PT_CHARBUF, EPF_NONE, PF_NA, "demo.name", "Name", "the name; see https://example.test/x"},
        {PT_CHARBUF, EPF_IS_LIST | EPF_ARG_ALLOWED | EPF_ARG_INDEX, PF_NA, "demo.list", "List", "a list"},
        {PT_UINT64, EPF_PRINT_ONLY, PF_DEC, "demo.printonly", "P", "never in conditions"},
        {PT_IPADDR, EPF_ARG_REQUIRED | EPF_ARG_KEY | EPF_DEPRECATED, PF_NA, "demo.addr", "A", "old"},
};`;

const GO = `
func (p *Plugin) Fields() []sdk.FieldEntry {
	return []sdk.FieldEntry{
		{Type: "string", Name: "demo.user", Desc: "who, with a // in it"},
		{Type: "string", Name: "demo.images", IsList: true, Arg: sdk.FieldEntryArg{IsRequired: false, IsIndex: true}, Desc: \`raw \` + "text"},
		{Type: "uint64", Name: "demo.count", Arg: sdk.FieldEntryArg{IsRequired: true, IsKey: true}},
	}
}`;

const CPP = `
std::vector<falcosecurity::field_info> my_plugin::get_fields() {
    falcosecurity::field_arg both;
    both.key = true;
    both.index = true;
    both.required = true;
    auto schema = R"({"x": "a // not a comment"})";
    const falcosecurity::field_info fields[] = {
            {ft::FTYPE_STRING, "demo.id", "Id", "the id", {}, false, {}, true}, // suggested
            {ft::FTYPE_STRING, "demo.mount", "Mount", "by index or key", both},
            {ft::FTYPE_BOOL, "demo.flags", "Flags", "a list", falcosecurity::field_arg(), true},
            {ft::FTYPE_STRING, "demo.label", "Label", "by key", {.key = true, .required = true}},
    };
}`;

describe('gen-field-metadata parsers', () => {
  it('reads a libs filtercheck table: list, argument, deprecated; print-only fields left out', () => {
    expect(parseLibsTable(LIBS, 'syscall')).toEqual([
      { name: 'demo.name', type: 'CHARBUF', source: 'syscall', from: 'libs' },
      { name: 'demo.list', type: 'CHARBUF', list: true, arg: 'optional', argKind: 'index', source: 'syscall', from: 'libs' },
      { name: 'demo.addr', type: 'IPADDR', arg: 'required', argKind: 'key', deprecated: true, source: 'syscall', from: 'libs' },
    ]);
  });

  it('reads a Go plugin field table', () => {
    expect(parseGoFields(GO, 'k8s_audit', 'demo')).toEqual([
      { name: 'demo.user', type: 'CHARBUF', source: 'k8s_audit', from: 'demo' },
      { name: 'demo.images', type: 'CHARBUF', list: true, arg: 'optional', argKind: 'index', source: 'k8s_audit', from: 'demo' },
      { name: 'demo.count', type: 'UINT64', arg: 'required', argKind: 'key', source: 'k8s_audit', from: 'demo' },
    ]);
  });

  it('reads a C++ plugin field table, named and inline argument specs, raw strings skipped', () => {
    expect(parseCppPluginFields(CPP, 'syscall', 'demo')).toEqual([
      { name: 'demo.id', type: 'CHARBUF', source: 'syscall', from: 'demo' },
      { name: 'demo.mount', type: 'CHARBUF', arg: 'required', argKind: 'index|key', source: 'syscall', from: 'demo' },
      { name: 'demo.flags', type: 'BOOL', list: true, source: 'syscall', from: 'demo' },
      { name: 'demo.label', type: 'CHARBUF', arg: 'required', argKind: 'key', source: 'syscall', from: 'demo' },
    ]);
  });

  it('fails loudly on an entry it cannot read', () => {
    expect(() => parseLibsTable('static const filtercheck_field_info x[] = { {PT_CHARBUF, EPF_NONE} };', 'syscall')).toThrow();
    expect(() => parseGoFields('func f() { return nil }', 'x', 'y')).toThrow();
  });

  it('renders one field per line under a header naming the commits', () => {
    const text = render(parseGoFields(GO, 'github', 'demo'), 'abc', 'def');
    const lines = text.trim().split('\n');
    expect(lines[0]).toContain('falcosecurity/libs@abc');
    expect(lines.filter((l) => l.startsWith('{"name":'))).toHaveLength(3);
    expect(JSON.parse(text).fields[1]).toEqual({ name: 'demo.images', type: 'CHARBUF', list: true, arg: 'optional', argKind: 'index', source: 'github', from: 'demo' });
  });
});
