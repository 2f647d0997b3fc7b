/* input_petrarch.c -- reads PETRARCH XML (see input.h) with libxml2's SAX
 * push parser, fed 64 KiB at a time, so memory stays bounded by one
 * sentence however large the file (no tree is built).
 *
 *   <Sentences>
 *   <Sentence date="19950101" id="DEMO-01" category="DEMO" sentence="true">
 *   <EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"/>
 *   <Text> Arnor is about to restore ... </Text>
 *   <Parse> (ROOT ...) </Parse>
 *   </Sentence>
 *
 * Every <Sentence>, wherever it is nested (PETR.UnitTest.records.xml wraps
 * them in <Validation><Sentences>, GigaWord samples in <Sentences>), is one
 * record: its text is the <Text> element's character data, trimmed; the date
 * attribute is YYYYMMDD (YYMMDD and YYYY-MM-DD are also read); <Parse>,
 * comments and other elements are ignored.  A sentence with no date or no
 * <Text>, or with more text than the cap, is reported and skipped.
 *
 * Malformed XML: libxml2 names the line of each error.  The parser runs in
 * recovery mode, so sentences before and after a local error are still
 * read; a sentence in which an error occurs is reported (with the first
 * error and its line) and skipped; errors outside sentences are reported
 * too (the first MAX_OUTSIDE_ERRORS of them, then a count).  Input that is
 * not XML at all stops the parser: reported once, the file skipped.  DTDs,
 * external entities and entities declared in the file are never loaded. */
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"

#define DEFAULT_MAX_DOC ((size_t)64 << 20)
#define MAX_CODINGS 256
#define MAX_ATTR 1024
#define MAX_OUTSIDE_ERRORS 20
#define CHUNK 65536

/* The state of one file's reading. */
typedef struct pstate {
  const char *name;
  const input_sink *sink;
  xmlParserCtxtPtr ctxt;
  size_t max;
  size_t outside_errors;
  size_t reports; /* problems handed to the sink */
  size_t last_error_line; /* of the last error reported outside sentences */
  /* the sentence being read */
  int in_sentence;
  size_t line;
  char where[1100];
  char *id, *date_attr, *category;
  int in_text, text_seen, too_big, nomem, skip;
  int depth, text_depth;
  char *text;
  size_t text_len, text_cap;
  input_coding codings[MAX_CODINGS];
  size_t n_codings;
  int codings_dropped;
  char err[300]; /* the first XML error inside the sentence */
  size_t err_line;
} pstate;

/* The parser's current line. */
static size_t cur_line(pstate *P) {
  return P->ctxt && P->ctxt->input && P->ctxt->input->line > 0
             ? (size_t)P->ctxt->input->line
             : 1;
}

/* A copy of at most MAX_ATTR bytes of [b, e), or NULL (out of memory). */
static char *dup_range(const xmlChar *b, const xmlChar *e, int *nomem) {
  size_t n = (size_t)(e - b);
  if (n > MAX_ATTR)
    n = MAX_ATTR;
  char *c = malloc(n + 1);
  if (!c) {
    *nomem = 1;
    return NULL;
  }
  memcpy(c, b, n);
  c[n] = '\0';
  return c;
}

/* The value of attribute `name` among SAX2's (localname, prefix, URI,
 * value, end) quintuples, copied; NULL when absent. */
static char *attr(const xmlChar **attrs, int n, const char *name,
                  int *nomem) {
  for (int i = 0; i < n; i++) {
    const xmlChar **a = attrs + 5 * i;
    if (strcmp((const char *)a[0], name) == 0)
      return dup_range(a[3], a[4], nomem);
  }
  return NULL;
}

/* Forgets the sentence being read. */
static void clear_sentence(pstate *P) {
  free(P->id);
  free(P->date_attr);
  free(P->category);
  P->id = P->date_attr = P->category = NULL;
  for (size_t i = 0; i < P->n_codings; i++) {
    input_coding *c = &P->codings[i];
    free((char *)c->source);
    free((char *)c->target);
    free((char *)c->event);
    free((char *)c->noevents);
    free((char *)c->error);
  }
  P->n_codings = 0;
  P->codings_dropped = 0;
  P->in_sentence = P->in_text = P->text_seen = P->too_big = P->skip = 0;
  P->nomem = 0;
  P->text_len = 0;
  P->err[0] = '\0';
  P->err_line = 0;
}

/* Appends character data of <Text>, up to the cap. */
static void add_text(pstate *P, const char *s, size_t n) {
  if (P->too_big || P->nomem)
    return;
  if (P->text_len + n > P->max) {
    P->too_big = 1;
    return;
  }
  if (P->text_len + n + 1 > P->text_cap) {
    size_t c = P->text_cap ? P->text_cap : 1024;
    while (c < P->text_len + n + 1)
      c *= 2;
    char *t = realloc(P->text, c);
    if (!t) {
      P->nomem = 1;
      return;
    }
    P->text = t;
    P->text_cap = c;
  }
  memcpy(P->text + P->text_len, s, n);
  P->text_len += n;
  P->text[P->text_len] = '\0';
}

/* Fills a record from what was read of the current sentence. */
static void fill_record(pstate *P, input_record *rec) {
  memset(rec, 0, sizeof *rec);
  rec->file = P->name;
  rec->line = P->line;
  rec->where = P->where;
  rec->id = P->id;
  rec->category = P->category;
  rec->codings = P->codings;
  rec->n_codings = P->n_codings;
  rec->skip = P->skip;
  rec->text = "";
  if (P->text && !P->too_big && !P->nomem) {
    /* Trimmed of the blank lines and spaces around it. */
    size_t a = 0, b = P->text_len;
    while (a < b && (P->text[a] == ' ' || P->text[a] == '\n' ||
                     P->text[a] == '\t' || P->text[a] == '\r'))
      a++;
    while (b > a && (P->text[b - 1] == ' ' || P->text[b - 1] == '\n' ||
                     P->text[b - 1] == '\t' || P->text[b - 1] == '\r'))
      b--;
    P->text[b] = '\0';
    rec->text = P->text + a;
    rec->len = b - a;
  }
}

/* Reports the current sentence as bad: why, plus the first XML error met
 * in it, if any. */
static void bad_sentence(pstate *P, const char *why) {
  input_record rec;
  fill_record(P, &rec);
  char msg[700];
  if (P->err[0])
    snprintf(msg, sizeof msg, "malformed XML at line %zu (%s); %s",
             P->err_line, P->err, why);
  else
    snprintf(msg, sizeof msg, "%s", why);
  P->sink->bad(P->sink->ctx, &rec, msg);
  P->reports++;
  clear_sentence(P);
}

/* Hands a finished sentence to the sink (record or bad). */
static void end_sentence(pstate *P) {
  char date[11];
  char why[300];
  why[0] = '\0';
  if (P->err[0]) {
    snprintf(why, sizeof why, "sentence skipped");
  } else if (P->nomem) {
    snprintf(why, sizeof why, "out of memory; sentence skipped");
  } else if (P->too_big) {
    snprintf(why, sizeof why,
             "sentence text over %zu bytes (--max-doc-bytes); sentence "
             "skipped",
             P->max);
  } else if (!P->text_seen) {
    snprintf(why, sizeof why, "<Sentence> without <Text>; sentence skipped");
  } else if (!P->date_attr) {
    snprintf(why, sizeof why,
             "<Sentence> without a date attribute; sentence skipped");
  } else {
    const char *d = P->date_attr;
    size_t n = strlen(d);
    int ok = input_date_digits(d, n, date);
    if (!ok && n == 10 && d[4] == '-' && d[7] == '-') {
      char dig[8] = {d[0], d[1], d[2], d[3], d[5], d[6], d[8], d[9]};
      ok = input_date_digits(dig, 8, date);
    }
    if (!ok)
      snprintf(why, sizeof why,
               "date \"%.40s\" is not a date YYYYMMDD; sentence skipped", d);
  }
  if (why[0]) {
    bad_sentence(P, why);
    return;
  }
  input_record rec;
  fill_record(P, &rec);
  rec.date = date;
  if (P->codings_dropped)
    rec.note = "more than 256 <EventCoding> elements; the rest ignored";
  P->sink->record(P->sink->ctx, &rec);
  clear_sentence(P);
}

/* Keeps one <EventCoding> element's attributes. */
static void add_coding(pstate *P, const xmlChar **attrs, int n) {
  if (P->n_codings == MAX_CODINGS) {
    P->codings_dropped = 1;
    return;
  }
  input_coding *c = &P->codings[P->n_codings++];
  c->source = attr(attrs, n, "sourcecode", &P->nomem);
  c->target = attr(attrs, n, "targetcode", &P->nomem);
  c->event = attr(attrs, n, "eventcode", &P->nomem);
  c->noevents = attr(attrs, n, "noevents", &P->nomem);
  c->error = attr(attrs, n, "error", &P->nomem);
}

/* ===== SAX callbacks ===== */

static void on_start(void *ctx, const xmlChar *localname,
                     const xmlChar *prefix, const xmlChar *URI, int nb_ns,
                     const xmlChar **ns, int nb_attrs, int nb_defaulted,
                     const xmlChar **attrs) {
  pstate *P = ctx;
  (void)prefix;
  (void)URI;
  (void)nb_ns;
  (void)ns;
  (void)nb_defaulted;
  const char *name = (const char *)localname;
  P->depth++;
  if (!strcmp(name, "Sentence")) {
    if (P->in_sentence)
      bad_sentence(P, "<Sentence> not closed before the next one; sentence "
                      "skipped");
    clear_sentence(P);
    P->in_sentence = 1;
    P->line = cur_line(P);
    snprintf(P->where, sizeof P->where, "%s:%zu", P->name, P->line);
    P->id = attr(attrs, nb_attrs, "id", &P->nomem);
    P->date_attr = attr(attrs, nb_attrs, "date", &P->nomem);
    P->category = attr(attrs, nb_attrs, "category", &P->nomem);
  } else if (!P->in_sentence) {
    return;
  } else if (!strcmp(name, "Text") && !P->in_text) {
    P->text_seen = 1;
    P->text_len = 0;
    P->in_text = 1;
    P->text_depth = P->depth;
  } else if (!strcmp(name, "EventCoding")) {
    add_coding(P, attrs, nb_attrs);
  } else if (!strcmp(name, "Skip")) {
    P->skip = 1;
  }
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                   const xmlChar *URI) {
  pstate *P = ctx;
  (void)prefix;
  (void)URI;
  const char *name = (const char *)localname;
  if (P->in_text && P->depth == P->text_depth && !strcmp(name, "Text"))
    P->in_text = 0;
  else if (P->in_sentence && !strcmp(name, "Sentence"))
    end_sentence(P);
  P->depth--;
}

static void on_chars(void *ctx, const xmlChar *ch, int len) {
  pstate *P = ctx;
  if (P->in_text && len > 0)
    add_text(P, (const char *)ch, (size_t)len);
}

/* An XML error: it spoils the sentence being read, or is reported on its
 * own outside sentences. */
static void on_error(void *ctx, xmlErrorPtr e) {
  pstate *P = ctx;
  if (!e || e->level < XML_ERR_ERROR)
    return;
  char msg[300];
  const char *m = e->message ? e->message : "unknown error";
  size_t n = strlen(m);
  while (n && (m[n - 1] == '\n' || m[n - 1] == ' '))
    n--;
  if (n > sizeof msg - 1)
    n = sizeof msg - 1;
  memcpy(msg, m, n);
  msg[n] = '\0';
  size_t line = e->line > 0 ? (size_t)e->line : cur_line(P);
  if (P->in_sentence) {
    if (!P->err[0]) {
      memcpy(P->err, msg, n + 1);
      P->err_line = line;
    }
    return;
  }
  /* One report per line: recovery often adds follow-up errors there. */
  if (line == P->last_error_line)
    return;
  P->last_error_line = line;
  if (++P->outside_errors > MAX_OUTSIDE_ERRORS)
    return;
  char where[1100], why[400];
  snprintf(where, sizeof where, "%s:%zu", P->name, line);
  snprintf(why, sizeof why, "malformed XML (%s)%s", msg,
           P->outside_errors == MAX_OUTSIDE_ERRORS
               ? "; further XML errors outside sentences are counted only"
               : "");
  input_record rec;
  memset(&rec, 0, sizeof rec);
  rec.file = P->name;
  rec.line = line;
  rec.where = where;
  rec.text = "";
  P->sink->bad(P->sink->ctx, &rec, why);
  P->reports++;
}

/* Reports a problem of the whole file (no line, or line 1). */
static void bad_file(const input_sink *s, const char *name, size_t line,
                     const char *why) {
  char where[1100];
  snprintf(where, sizeof where, "%s:%zu", name, line);
  input_record rec;
  memset(&rec, 0, sizeof rec);
  rec.file = name;
  rec.line = line;
  rec.where = where;
  rec.text = "";
  s->bad(s->ctx, &rec, why);
}

/* libxml2's generic error channel (encoding failures, say) prints to
 * stderr; what it says also reaches on_error or the wellFormed flag. */
static void quiet(void *ctx, const char *msg, ...) {
  (void)ctx;
  (void)msg;
}

int input_read_petrarch(const char *name, input_src *src, const input_sink *s) {
  pstate *P = calloc(1, sizeof *P);
  char *chunk = malloc(CHUNK);
  if (!P || !chunk) {
    free(P);
    free(chunk);
    bad_file(s, name, 1, "out of memory; file skipped");
    return -1;
  }
  P->name = name;
  P->sink = s;
  P->max = s->max_doc ? s->max_doc : DEFAULT_MAX_DOC;
  xmlSAXHandler sax;
  memset(&sax, 0, sizeof sax);
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = on_start;
  sax.endElementNs = on_end;
  sax.characters = on_chars;
  sax.cdataBlock = on_chars;
  sax.serror = on_error;
  int rc = 0;
  P->ctxt = xmlCreatePushParserCtxt(&sax, P, NULL, 0, name);
  if (!P->ctxt) {
    bad_file(s, name, 1, "cannot start the XML parser; file skipped");
    free(chunk);
    free(P);
    return -1;
  }
  xmlCtxtUseOptions(P->ctxt, XML_PARSE_NONET | XML_PARSE_RECOVER |
                                 XML_PARSE_NOWARNING);
  xmlGenericErrorFunc old_handler = xmlGenericError;
  void *old_ctx = xmlGenericErrorContext;
  xmlSetGenericErrorFunc(NULL, quiet);
  size_t n;
  while ((n = input_src_read(src, chunk, CHUNK)) > 0) {
    xmlParseChunk(P->ctxt, chunk, (int)n, 0);
    if (P->ctxt->disableSAX || P->ctxt->instate == XML_PARSER_EOF)
      break; /* not XML at all: the parser stopped */
  }
  int read_error = src->f && ferror(src->f);
  int stopped = P->ctxt->disableSAX || P->ctxt->instate == XML_PARSER_EOF;
  if (!stopped)
    xmlParseChunk(P->ctxt, NULL, 0, 1);
  xmlSetGenericErrorFunc(old_ctx, old_handler);
  if (P->in_sentence)
    bad_sentence(P, "<Sentence> not closed at the end of the file; sentence "
                    "skipped");
  if (P->outside_errors > MAX_OUTSIDE_ERRORS) {
    char why[120];
    snprintf(why, sizeof why, "%zu more XML errors outside sentences",
             P->outside_errors - MAX_OUTSIDE_ERRORS);
    bad_file(s, name, cur_line(P), why);
  }
  if (stopped || !P->ctxt->wellFormed) {
    rc = -1;
    /* Some failures reach no error callback (an encoding libxml2 guessed
     * from the first bytes and cannot convert, say): a failed file is
     * always named. */
    if (!P->reports)
      bad_file(s, name, cur_line(P), "malformed XML (the parser stopped); "
                                     "the rest of the file skipped");
  }
  if (read_error) {
    bad_file(s, name, cur_line(P), "read error; the rest of the file skipped");
    rc = -1;
  }
  /* A DOCTYPE makes libxml2 keep its declarations in a document of its
   * own, even for SAX. */
  if (P->ctxt->myDoc)
    xmlFreeDoc(P->ctxt->myDoc);
  xmlFreeParserCtxt(P->ctxt);
  clear_sentence(P);
  free(P->text);
  free(P);
  free(chunk);
  return rc;
}
