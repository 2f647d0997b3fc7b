/* trace_text.c -- the text rendering of the library's explanation
 * (dyad_doc_trace, JSON Lines): what `dyad explain` prints, `dyad code
 * --explain` writes to standard error and POST /api/code returns as
 * "explain".  One copy for the command and the server: it lives here, not
 * in libdyad, because it reads JSON with jansson (libdyad has no JSON
 * reader and never prints). */
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "trace_text.h"

static const char *jstr(json_t *o, const char *key) {
  json_t *v = json_object_get(o, key);
  return json_is_string(v) ? json_string_value(v) : NULL;
}

static long long jint(json_t *o, const char *key) {
  json_t *v = json_object_get(o, key);
  return json_is_integer(v) ? json_integer_value(v) : -1;
}

/* Prints one sentence's explanation (a JSON object) as text. */
static void render_sentence(FILE *f, json_t *s) {
  json_t *span = json_object_get(s, "span");
  fprintf(f, "sentence %lld [%lld,%lld]%s: %s\n", jint(s, "sentence"),
          (long long)json_integer_value(json_array_get(span, 0)),
          (long long)json_integer_value(json_array_get(span, 1)),
          json_is_true(json_object_get(s, "headline")) ? " (headline)" : "",
          jstr(s, "text") ? jstr(s, "text") : "");
  size_t i;
  json_t *v;
  fputs("  tokens: ", f);
  json_array_foreach(json_object_get(s, "tokens"), i, v) {
    fprintf(f, "%s%s/%s", i ? " " : "", json_string_value(json_array_get(v, 0)),
            json_string_value(json_array_get(v, 1)));
    const char *lemma = json_string_value(json_array_get(v, 2));
    const char *word = json_string_value(json_array_get(v, 0));
    if (lemma && word && strcasecmp(lemma, word) != 0)
      fprintf(f, "(%s)", lemma);
  }
  fputs("\n  chunks:", f);
  json_array_foreach(json_object_get(s, "chunks"), i, v) {
    fprintf(f, " [%zu %s %s", i, jstr(v, "kind"), jstr(v, "text"));
    if (jstr(v, "actor"))
      fprintf(f, " =%s", jstr(v, "actor"));
    if (jstr(v, "role"))
      fprintf(f, " =role %s", jstr(v, "role"));
    if (json_is_true(json_object_get(v, "anaphor")))
      fputs(" =anaphor", f);
    if (json_object_get(v, "subject"))
      fprintf(f, " subject=%lld", jint(v, "subject"));
    static const char *const flags[] = {"negated", "passive", "infinitive",
                                        "participle", "relative", NULL};
    for (int k = 0; flags[k]; k++)
      if (json_is_true(json_object_get(v, flags[k])))
        fprintf(f, " %s", flags[k]);
    fputs("]", f);
  }
  fputs("\n", f);
  json_array_foreach(json_object_get(s, "phrases"), i, v) {
    fprintf(f, "  phrase \"%s\": %s %s (%s:%lld)\n", jstr(v, "text"),
            jstr(v, "kind"), jstr(v, "value") ? jstr(v, "value") : "",
            jstr(v, "file") ? jstr(v, "file") : "?", jint(v, "line"));
  }
  json_array_foreach(json_object_get(s, "verbs"), i, v) {
    fprintf(f, "  verb \"%s\" (%s), subject ", jstr(v, "verb"),
            jstr(v, "lemma"));
    size_t k;
    json_t *a;
    json_t *subj = json_object_get(v, "subject");
    if (!json_array_size(subj))
      fputs("none", f);
    json_array_foreach(subj, k, a) {
      fprintf(f, "%s%s", k ? "+" : "", json_string_value(a));
    }
    fprintf(f, ": %s\n", jstr(v, "status"));
    int shown = 0;
    json_array_foreach(json_object_get(v, "tried"), k, a) {
      int m = json_is_true(json_object_get(a, "matched"));
      if (!m && shown >= 4)
        continue;
      fprintf(f, "    %s %s (%s, %s:%lld)\n", m ? "=>" : "  ",
              jstr(a, "pattern"), jstr(a, "code"), jstr(a, "file"),
              jint(a, "line"));
      shown += !m;
    }
    long long tried = jint(v, "patterns_tried");
    if (tried > (long long)json_array_size(json_object_get(v, "tried")) ||
        tried > shown + 1)
      fprintf(f, "    (%lld patterns tried in all)\n", tried);
  }
  json_t *evs = json_object_get(s, "events");
  if (!json_array_size(evs)) {
    fprintf(f, "  no event: %s\n", jstr(s, "reason") ? jstr(s, "reason") : "");
  }
  json_array_foreach(evs, i, v) {
    fprintf(f, "  event: %s %s %s  (pattern: %s)\n", jstr(v, "source"),
            jstr(v, "code"), jstr(v, "target"),
            jstr(v, "pattern") && *jstr(v, "pattern") ? jstr(v, "pattern")
                                                       : "speech rule");
  }
}

int dyad_trace_render(FILE *f, const char *trace, size_t len, char *err,
                      size_t err_cap) {
  size_t i = 0;
  while (i < len) {
    const char *nl = memchr(trace + i, '\n', len - i);
    size_t e = nl ? (size_t)(nl - trace) : len;
    if (e > i) {
      json_error_t jerr;
      json_t *s = json_loadb(trace + i, e - i, 0, &jerr);
      if (!s) {
        if (err && err_cap)
          snprintf(err, err_cap, "%s", jerr.text);
        return -1;
      }
      render_sentence(f, s);
      json_decref(s);
    }
    i = e + 1;
  }
  return 0;
}
