/**
 * How every Playwright run here launches Chromium (the e2e suite and the benchmark): Debian's
 * package, since Playwright cannot download its own browser on these machines, with the flags that
 * keep it from reaching the network or a GPU.
 */
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
