/* input_file.h -- opening the `dyad` command's inputs: plain files, '-' for
 * standard input, gzip (.gz) and zstd (.zst) streams decompressed on the
 * fly, and directories walked recursively.  Used by `dyad code` (code.c)
 * and meant for `dyad ingest` as well.
 *
 * A compressed input is recognised by its first bytes (gzip 1f 8b, zstd
 * 28 b5 2f fd), whatever its name; a file named .gz or .zst whose bytes
 * are not of that kind is refused.  What the caller reads is a FILE*, so
 * the existing readers (JSON Lines, text, TABARI, PETRARCH) read a
 * compressed file as they read a plain one: bytes come out as they are
 * decompressed, never the whole file at once.  A stream that decompresses
 * to more than a set number of bytes (a decompression bomb), is corrupt or
 * ends early fails at that point: the stream reports a read error
 * (ferror) and input_file_error() says why.
 *
 * Nothing here prints: errors come back as messages for the caller. */
#ifndef DYAD_CLI_INPUT_FILE_H
#define DYAD_CLI_INPUT_FILE_H

#include <stddef.h>
#include <stdio.h>

/* The default cap on the bytes one compressed input may decompress to. */
#define INPUT_FILE_MAX_OUT_DEFAULT ((unsigned long long)4 << 30)

typedef struct input_file input_file;

/* Opens path for reading ("-": standard input, never closed here).
 * max_out caps the decompressed bytes of a compressed input (0: the
 * default).  Returns the open input, or NULL with the reason (no path in
 * it, e.g. "No such file or directory", "is a directory", "named .gz but
 * not gzip data") in why[n].  Free with input_file_close. */
input_file *input_file_open(const char *path, unsigned long long max_out,
                            char *why, size_t n);

/* The stream to read: the file itself, or its decompressed bytes. */
FILE *input_file_stream(const input_file *in);

/* The name for messages: the path, or "<stdin>" for '-'. */
const char *input_file_name(const input_file *in);

/* The name without a trailing .gz or .zst ("a.jsonl.gz" -> "a.jsonl"), to
 * tell the inner format by its extension; "" for standard input. */
const char *input_file_inner_name(const input_file *in);

/* "gzip", "zstd", or NULL for an uncompressed input. */
const char *input_file_compression(const input_file *in);

/* Why reading stopped early, e.g. "corrupt gzip data after 0 bytes
 * (invalid block type)", "truncated zstd data (the file ends inside a
 * frame after 0 bytes)", "decompresses to more than 1048576 bytes
 * (--max-decompressed; a decompression bomb?)", counting decompressed
 * bytes; NULL while the stream is sound.  Check it after reading: the bytes before the fault
 * were delivered. */
const char *input_file_error(const input_file *in);

/* The bytes read so far from the file as stored (compressed bytes for a
 * .gz/.zst input; a little ahead of the reader by stdio's buffer), for a
 * progress line; 0 when the stream cannot tell (standard input, a pipe). */
unsigned long long input_file_offset(const input_file *in);

/* Closes the input and frees it; NULL is a no-op. */
void input_file_close(input_file *in);

/* ===== Walking directories ===== */

/* Where input_walk sends what it finds.  file() gets each input to read;
 * skip() gets each file or directory passed over, with the reason ("not a
 * known input kind", "symbolic link loop", "Permission denied", ...). */
typedef struct input_walker {
  void *ctx;
  void (*file)(void *ctx, const char *path);
  void (*skip)(void *ctx, const char *path, const char *why);
} input_walker;

/* Hands path to w->file when it is not a directory (any file named on the
 * command line is read, whatever its name, and so is '-').  A directory is
 * walked recursively in byte order of names, so runs are repeatable:
 * hidden entries (names starting with '.') are passed over silently;
 * files of a known kind (.txt .text .jsonl .ndjson .json .xml .html .htm,
 * each also with .gz or .zst) go to w->file; other files, special files,
 * directories that loop back to one being walked (symbolic links), paths
 * over PATH_MAX, directories deeper than 64 levels or of more than a
 * million entries go to w->skip.  Symbolic links are followed.  Returns the
 * number of files handed to w->file. */
size_t input_walk(const char *path, const input_walker *w);

/* Is the name one of the known kinds above? */
int input_file_known_kind(const char *name);

#endif
