/* replay.c -- a main() for the fuzz targets without libFuzzer: runs
 * LLVMFuzzerTestOneInput once on each file named (directories: each file
 * in them), so `make test` (and `make asan`, under the sanitizers) replays
 * every committed corpus input -- among them each input that once crashed
 * a target -- with the ordinary compiler.  Exit 0 when every input ran; a
 * broken promise aborts, as under libFuzzer. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Inputs larger than libFuzzer's -max_len in `make fuzz` are not replayed
 * whole either. */
#define REPLAY_MAX ((size_t)1 << 20)

static int run_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "replay: %s: cannot open\n", path);
    return -1;
  }
  uint8_t *buf = malloc(REPLAY_MAX);
  if (!buf) {
    fclose(f);
    return -1;
  }
  size_t n = fread(buf, 1, REPLAY_MAX, f);
  fclose(f);
  /* A copy of exactly n bytes, so ASan sees a read past the input. */
  uint8_t *data = malloc(n ? n : 1);
  if (!data) {
    free(buf);
    return -1;
  }
  memcpy(data, buf, n);
  free(buf);
  LLVMFuzzerTestOneInput(data, n);
  free(data);
  return 0;
}

static int cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv) {
  size_t runs = 0;
  for (int i = 1; i < argc; i++) {
    struct stat st;
    if (stat(argv[i], &st) != 0) {
      fprintf(stderr, "replay: %s: not found\n", argv[i]);
      return 1;
    }
    if (!S_ISDIR(st.st_mode)) {
      if (run_file(argv[i]))
        return 1;
      runs++;
      continue;
    }
    DIR *d = opendir(argv[i]);
    if (!d)
      return 1;
    char *names[4096];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 4096)
      if (e->d_name[0] != '.')
        names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, n, sizeof *names, cmp);
    for (size_t k = 0; k < n; k++) {
      char path[4096];
      snprintf(path, sizeof path, "%s/%s", argv[i], names[k]);
      int rc = names[k] ? run_file(path) : -1;
      free(names[k]);
      if (rc)
        return 1;
      runs++;
    }
  }
  printf("replay: %zu inputs, no failure\n", runs);
  return 0;
}
