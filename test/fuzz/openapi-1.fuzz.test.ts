import { describeFuzzShard } from "./fuzz-suite";

// Shard 1 of the OpenAPI fuzz test (test/fuzz/fuzz-suite.ts): its own file, so its own storage.
describeFuzzShard(0);
