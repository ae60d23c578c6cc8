/**
 * The import's tuning, in one place: each figure was chosen by measurement on a county-sized
 * file (1,000,000 rows against the 200,000-household demo county). What was measured, and what
 * was tried and not kept, is in bench/README.md "## import"; `node --import tsx bench/import.ts`
 * measures it again. The line beside each says why it is what it is.
 */

/** Bytes read at a time; each piece is one part. Its text must stay below V8's large-object size (128 KB, two bytes a character) to die young. */
export const READ_CHUNK = 48 << 10;

/** Rows per staging transaction: a commit costs a few ms, and a kill loses at most one batch, which a re-run stages again. */
export const BATCH = 100_000;

/** Progress is reported at least every this many rows read (the wizard's bar and ETA), beside each commit. */
export const PROGRESS_ROWS = 10_000;

/** Files from this size on are read in threads of their own: below it a thread costs more to start than it saves. */
export const THREAD_MIN_BYTES = 4 << 20;

/** Parts a reader validates before the person index comes (~13 MB of file): the index takes 0.5–0.7 s, and 400 parts peaked at 300 MB. */
export const WAITING = 280;

/** Parts a reading thread may run ahead of the writer (~19 MB): the writer raising a county's warnings at once (~0.5 s) must not stall it. */
export const AHEAD = 400;

/** A reader collects its garbage in full every this many parts (~48 MB of file): a bound on what gets promoted, not a routine cost. */
export const PARTS_PER_COLLECTION = 1024;

/** The writer's share of a split file: it also builds the person index and writes every part, so both threads end together at ~36 %. */
export const SHARE = 0.36;

/** The writer's share when it applies along: raising the warnings is its work while the reader finishes (33 % beat 27, 30, 36 and 39 %). */
export const SHARE_APPLYING = 0.33;

/** Applying along holds the write lock to the end: only with at most this much of the file left (~1.5 s), so other writes never wait long. */
export const ALONG_MAX_BYTES = 40 << 20;

/** Rows per multi-row INSERT of the household index (3 parameters each): fewer statements, still far below SQLite's parameter limit. */
export const HOUSEHOLD_ROWS_PER_INSERT = 100;

/** Unknown persons per stored record of the list: a page of the list reads one or two records. */
export const UNKNOWN_PER_CHUNK = 1000;

/** The import worker's page cache (KiB): its writes go in key order but for the warnings' deduplication index; 16 MiB cost 11–12 MB of peak, no speed. */
export const WRITER_CACHE_KIB = 8192;

/** A reading thread's page cache (KiB): the households its candidates name are read once each, at random. */
export const READER_CACHE_KIB = 4096;

/** Young generation of a reading thread (MB): a row's cells and values die there; 16 MB cost a third more collection time. */
export const READER_YOUNG_MB = 24;

/** Young generation of the import worker (MB): it keeps little; V8's default kept a county-sized import above its memory budget. */
export const WRITER_YOUNG_MB = 16;
