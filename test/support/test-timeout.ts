// Integration tests wait on a real broker and server: allow minutes, not Jest's default 5 s. Set here
// because `testTimeout` is a global option that a multi-project run ignores in project configs.
jest.setTimeout(120_000);
