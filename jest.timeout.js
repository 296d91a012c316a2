// Every project's tests and hooks may take 30 s before Jest calls them hung. Jest's 5 s default is too tight on a
// 2-core machine where the whole run (many PGlite databases opening at once, the stack, the static checks) shares
// the CPU; `testTimeout` cannot be set per project in a multi-project run, so it is set here for each test file.
jest.setTimeout(30_000);
