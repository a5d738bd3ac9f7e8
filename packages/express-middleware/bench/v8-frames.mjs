// Names of V8's own code, shared by the diagnostics that attribute a server's cost to functions
// (bench/profile.mjs, by perf samples; bench/instructions.mjs --by-function, by callgrind counts).

/** Functions of V8's garbage collector (scavenges, marking, sweeping, evacuation, the remembered set). */
export const garbageCollectorCode = /Scaveng|MarkCompact|Heap::|heap::|Marking|Sweep|MinorGC|GCTracer|Evacuat|MemoryChunk|RememberedSet|SlotSet/;
