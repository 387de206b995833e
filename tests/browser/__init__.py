"""Browser tests: the real workbench driven through Debian's Chromium with Playwright."""
