/** Never download a browser: exhibits launches the system Chromium (see src/browser/find-chromium.ts). */
module.exports = { skipDownload: true };
