import { describeFuzzShard } from "./fuzz-suite";

// Shard 5 of the OpenAPI fuzz test (test/fuzz/fuzz-suite.ts): its own file, so its own storage.
describeFuzzShard(4);
