// The router's modules read the build's flag when loaded; the spec reads only their paths, so any value does.
(globalThis as { __DEMO__?: boolean }).__DEMO__ = false;
