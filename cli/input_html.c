/* input_html.c -- an HTML news page into a document (see input_html.h):
 * title, publication date, URL, site name and the article's main text.
 *
 * The page is parsed into a tree by libxml2's HTML parser
 * (htmlCtxtReadMemory with HTML_PARSE_RECOVER | NOERROR | NOWARNING |
 * NONET: tag soup is repaired, nothing is printed, nothing is fetched).
 * Its charset is the page's own declaration; a page without one is UTF-8
 * when its bytes are, else windows-1252 (page_encoding, from_cp1252).
 * libxml2's generic error handler is silenced while it parses.  Walks of the tree are
 * iterative (parent/next pointers), so a deeply nested page cannot exhaust
 * the stack.
 *
 * Publication date: the first readable date of the best source, in this
 * order (the tag names are those news sites use, as listed by common
 * article extractors such as newspaper3k):
 *   1. <meta property="article:published_time"> (Open Graph article)
 *   2. "datePublished" in <script type="application/ld+json"> (schema.org)
 *   3. itemprop="datePublished" (microdata: content or datetime attribute)
 *   4. <meta property="og:published_time"> (not in the Open Graph spec, but
 *      in use) and rnews:datePublished
 *   5. <meta name=...> pubdate, publishdate, publish-date, publish_date,
 *      publication_date, date, dc.date, dc.date.issued, dcterms.issued,
 *      dcterms.date, dcterms.created, sailthru.date, parsely-pub-date,
 *      originalpublicationdate, article_date_original, citation_date,
 *      citation_publication_date (any case)
 *   6. <time pubdate datetime="...">
 *   7. the first <time datetime="..."> inside the article text's element
 * The title loses a trailing " | Site" (or " - ", an en or em dash, " :: ",
 * a guillemet)
 * when Site is the page's site name.
 *
 * A date is read from YYYY-MM-DD (an ISO time stamp's date part, as
 * written, whatever its time zone), YYYY/MM/DD, YYYYMMDD, or English words
 * ("31 January 2023", "Jan. 31, 2023", RFC 822's "Tue, 31 Jan 2023
 * 10:00:00 GMT"), and must be a calendar date; other forms (01/02/2023,
 * which is ambiguous) are passed over.
 *
 * Main text: the content element is the first element marked
 * itemprop="articleBody" (schema.org microdata), else the <article> with
 * the most paragraph text (text of its <p> descendants; a quarter of all
 * its text when it has no <p>), when there is one with any text; else the
 * element that scores most in a readability heuristic: each <p> adds its
 * text length to its parent and half of it to its grandparent, and the
 * winner's parent is taken instead while it scores over 0.6 of the winner
 * (a body split over sibling <div>s is taken whole; a parent with no other
 * paragraphs scores exactly half); else <body>.  Inside
 * it, these are left out with everything they hold: script, style,
 * noscript, template, nav, header, footer, aside, form and form controls,
 * figure, iframe, svg, media; elements with a hidden attribute,
 * aria-hidden="true" or an ARIA role of navigation, banner, contentinfo,
 * complementary, search, menu, dialog; and elements whose class or id has
 * a word (split at blanks, '-' and '_') such as ad, promo, related, share,
 * social, newsletter, subscribe, comments, cookie, breadcrumb, sidebar,
 * menu, nav -- unless it also has article, body, content, main, story or
 * text.  Comments are never text.  Block elements (p, div, h1-h6, li,
 * blockquote, ...) end a paragraph; paragraphs are separated by a blank
 * line (dyad's paragraph rule); one <br> is a line break, two are a
 * paragraph break.  Entities are decoded by the parser; runs of white
 * space (and no-break spaces) become one space. */
#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "input_html.h"

#define DEFAULT_MAX_TEXT ((size_t)64 << 20)
#define MAX_META 2048       /* bytes kept of a title, URL or site name */
#define MAX_JSONLD (1 << 20) /* bytes of one JSON-LD script read */
#define MAX_JSON_DEPTH 16    /* nesting searched in a JSON-LD script */

/* ===== Small helpers ===== */

static int ieq(const char *a, const char *b) {
  for (; *a && *b; a++, b++) {
    char x = *a, y = *b;
    if (x >= 'A' && x <= 'Z')
      x = (char)(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z')
      y = (char)(y - 'A' + 'a');
    if (x != y)
      return 0;
  }
  return *a == *b;
}

/* Does s[0..n) start with the lowercase word w, in any case? */
static int starts_ci(const char *s, size_t n, const char *w) {
  size_t k = strlen(w);
  if (n < k)
    return 0;
  for (size_t i = 0; i < k; i++) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z')
      c = (char)(c - 'A' + 'a');
    if (c != w[i])
      return 0;
  }
  return 1;
}

static int is_el(const xmlNode *n, const char *name) {
  return n && n->type == XML_ELEMENT_NODE && n->name &&
         ieq((const char *)n->name, name);
}

/* The element's attribute value, or NULL; free with xmlFree. */
static char *attr(const xmlNode *n, const char *name) {
  return (char *)xmlGetProp(n, (const xmlChar *)name);
}

/* The next node of a document-order walk under root that does not go into
 * n's children when skip_children is set; NULL at the end. */
static xmlNode *walk_next(const xmlNode *root, xmlNode *n,
                          int skip_children) {
  if (!skip_children && n->children)
    return n->children;
  while (n && n != root) {
    if (n->next)
      return n->next;
    n = n->parent;
  }
  return NULL;
}

/* ===== Growing text buffer, capped ===== */

typedef struct buf {
  char *p;
  size_t n, cap, max;
  int over, nomem;
  int space; /* a space is pending before the next character */
} buf;

static void put(buf *b, const char *s, size_t k) {
  if (b->over || b->nomem)
    return;
  if (b->n + k > b->max) {
    b->over = 1;
    return;
  }
  if (b->n + k + 1 > b->cap) {
    size_t c = b->cap ? b->cap : 4096;
    while (c < b->n + k + 1)
      c *= 2;
    char *np = realloc(b->p, c);
    if (!np) {
      b->nomem = 1;
      return;
    }
    b->p = np;
    b->cap = c;
  }
  memcpy(b->p + b->n, s, k);
  b->n += k;
  b->p[b->n] = '\0';
}

/* The length of the white space at s: 1 for an ASCII blank, 2 for
 * U+00A0 (no-break space), 0 for anything else. */
static size_t blank_at(const char *s) {
  unsigned char c = (unsigned char)s[0];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
      c == '\v')
    return 1;
  return c == 0xC2 && (unsigned char)s[1] == 0xA0 ? 2 : 0;
}

/* Appends text, collapsing white space (ASCII blanks and U+00A0) into one
 * pending space written only between words of a line. */
static void put_text(buf *b, const char *s) {
  while (*s) {
    size_t k = blank_at(s);
    if (k) {
      b->space = 1;
      s += k;
      continue;
    }
    while (s[k] && !blank_at(s + k))
      k++;
    if (b->space && b->n && b->p[b->n - 1] != '\n')
      put(b, " ", 1);
    b->space = 0;
    put(b, s, k);
    s += k;
  }
}

/* Ends the paragraph: the next text starts after a blank line. */
static void para_break(buf *b) {
  b->space = 0;
  if (!b->n)
    return;
  if (b->p[b->n - 1] != '\n')
    put(b, "\n\n", 2);
  else if (b->n < 2 || b->p[b->n - 2] != '\n')
    put(b, "\n", 1);
}

/* <br>: a line break; a second one in a row makes a blank line. */
static void line_break(buf *b) {
  b->space = 0;
  if (!b->n)
    return;
  if (b->p[b->n - 1] != '\n' || b->n < 2 || b->p[b->n - 2] != '\n')
    put(b, "\n", 1);
}

/* A copy of s with white space collapsed and trimmed, at most MAX_META
 * bytes (cut at a character boundary); NULL when empty or out of memory. */
static char *clean_copy(const char *s) {
  if (!s)
    return NULL;
  buf b = {NULL, 0, 0, (size_t)1 << 24, 0, 0, 0};
  put_text(&b, s);
  if (!b.p || b.nomem || b.over || !b.n) {
    free(b.p);
    return NULL;
  }
  if (b.n > MAX_META) {
    size_t k = MAX_META;
    while (k && ((unsigned char)b.p[k] & 0xC0) == 0x80)
      k--;
    b.p[k] = '\0';
    b.n = k;
  }
  return b.p;
}

/* ===== Dates ===== */

static int digits(const char *s, int k) {
  int v = 0;
  for (int i = 0; i < k; i++) {
    if (s[i] < '0' || s[i] > '9')
      return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

/* The month (1-12) a word names: its full English name or the first three
 * letters (also "Sept"), any case; else 0. */
static int month_of(const char *w, size_t k) {
  static const char *const names[] = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  if (k < 3)
    return 0;
  for (int i = 0; i < 12; i++) {
    size_t full = strlen(names[i]);
    if (k != 3 && k != full && !(i == 8 && k == 4))
      continue;
    if (k > full)
      continue;
    size_t j = 0;
    while (j < k && (w[j] | 0x20) == names[i][j])
      j++;
    if (j == k)
      return i + 1;
  }
  return 0;
}

/* Reads a date written in words: "31 January 2023", "January 31, 2023",
 * "Jan. 31, 2023", "Tue, 31 Jan 2023 10:00:00 GMT" (a leading weekday is
 * passed over).  Sets *y, *m, *d; 1 when the form is one of these. */
static int words_date(const char *s, int *y, int *m, int *d) {
  int num[3] = {0, 0, 0}, ndig[3] = {0, 0, 0}, mon = 0, mon_at = -1;
  int n = 0; /* tokens taken: numbers and the month */
  while (*s && n < 3) {
    if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')) {
      size_t k = 0;
      while ((s[k] >= 'A' && s[k] <= 'Z') || (s[k] >= 'a' && s[k] <= 'z'))
        k++;
      int mo = month_of(s, k);
      if (mo && !mon) {
        mon = mo;
        mon_at = n++;
      } else if (n > 0) {
        return 0; /* a word inside the date */
      }
      s += k;
    } else if (*s >= '0' && *s <= '9') {
      int v = 0, k = 0;
      while (s[k] >= '0' && s[k] <= '9' && k < 5)
        v = v * 10 + (s[k++] - '0');
      if (s[k] >= '0' && s[k] <= '9')
        return 0;
      num[n] = v;
      ndig[n++] = k;
      s += k;
    } else if (*s == ' ' || *s == ',' || *s == '.' || *s == '\t') {
      s++;
    } else {
      return 0;
    }
  }
  if (n < 3 || ndig[2] != 4)
    return 0;
  if (mon_at == 1 && ndig[0] <= 2) { /* 31 January 2023 */
    *d = num[0];
  } else if (mon_at == 0 && ndig[1] <= 2) { /* January 31, 2023 */
    *d = num[1];
  } else {
    return 0;
  }
  *m = mon;
  *y = num[2];
  return 1;
}

/* Reads a date from s (YYYY-MM-DD..., YYYY/MM/DD, YYYY.MM.DD, YYYYMMDD or
 * in words, after blanks) into out[11] as YYYY-MM-DD; 1 when it is a
 * calendar date. */
static int read_date(const char *s, char out[11]) {
  if (!s)
    return 0;
  while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
    s++;
  size_t n = strnlen(s, 16);
  int y, m, d;
  if ((*s < '0' || *s > '9') || (n > 2 && (s[1] < '0' || s[1] > '9' ||
                                           s[2] < '0' || s[2] > '9'))) {
    if (!words_date(s, &y, &m, &d))
      return 0;
  } else if (n >= 10 && (s[4] == '-' || s[4] == '/' || s[4] == '.') &&
      s[7] == s[4]) {
    y = digits(s, 4);
    m = digits(s + 5, 2);
    d = digits(s + 8, 2);
    if (n > 10 && s[10] >= '0' && s[10] <= '9')
      return 0;
  } else if (n >= 8) {
    y = digits(s, 4);
    m = digits(s + 4, 2);
    d = digits(s + 6, 2);
    if (n > 8 && s[8] >= '0' && s[8] <= '9')
      return 0;
  } else {
    return 0;
  }
  static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1 || m < 1 || m > 12 || d < 1)
    return 0;
  int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > mdays[m - 1] + (m == 2 && leap))
    return 0;
  out[0] = (char)('0' + y / 1000);
  out[1] = (char)('0' + y / 100 % 10);
  out[2] = (char)('0' + y / 10 % 10);
  out[3] = (char)('0' + y % 10);
  out[4] = '-';
  out[5] = (char)('0' + m / 10);
  out[6] = (char)('0' + m % 10);
  out[7] = '-';
  out[8] = (char)('0' + d / 10);
  out[9] = (char)('0' + d % 10);
  out[10] = '\0';
  return 1;
}

/* Date sources, best first (see the top of this file). */
enum {
  DS_ARTICLE,
  DS_JSONLD,
  DS_ITEMPROP,
  DS_OG,
  DS_NAME,
  DS_PUBDATE,
  DS_TIME,
  DS_COUNT
};
static const char *const ds_name[DS_COUNT] = {
    "meta article:published_time", "JSON-LD datePublished",
    "itemprop datePublished",       "meta og:published_time",
    "meta name",                    "<time pubdate>",
    "<time> in the article"};

static const char *const date_names[] = {
    "pubdate",       "publishdate",          "publish-date",
    "publish_date",  "publication_date",     "date",
    "dc.date",       "dc.date.issued",       "dcterms.issued",
    "dcterms.date",  "dcterms.created",      "sailthru.date",
    "parsely-pub-date", "originalpublicationdate", "article_date_original",
    "citation_date", "citation_publication_date"};

/* What the metadata walk finds. */
typedef struct meta {
  char date[DS_COUNT][11]; /* "" when that source gave none */
  char *og_title, *title, *ld_title, *h1;
  char *og_url, *canonical, *ld_url;
  char *og_site, *ld_site;
  int nomem;
} meta;

static void set_date(meta *M, int src, const char *value) {
  char d[11];
  if (!M->date[src][0] && read_date(value, d))
    memcpy(M->date[src], d, 11);
}

/* Keeps the first value of a field: a cleaned copy of v. */
static void keep(char **field, const char *v) {
  if (*field || !v)
    return;
  *field = clean_copy(v);
}

/* ===== JSON-LD ===== */

/* Searches a JSON-LD value (an object, an array, an @graph) for the first
 * object with a "datePublished"; takes its date, headline, url and
 * publisher name.  Returns 1 when found. */
static int ld_search(meta *M, json_t *v, int depth) {
  if (depth > MAX_JSON_DEPTH)
    return 0;
  if (json_is_array(v)) {
    size_t i;
    json_t *x;
    json_array_foreach(v, i, x) {
      if (ld_search(M, x, depth + 1))
        return 1;
    }
    return 0;
  }
  if (!json_is_object(v))
    return 0;
  json_t *dp = json_object_get(v, "datePublished");
  if (json_is_string(dp)) {
    set_date(M, DS_JSONLD, json_string_value(dp));
    json_t *h = json_object_get(v, "headline");
    if (json_is_string(h))
      keep(&M->ld_title, json_string_value(h));
    json_t *u = json_object_get(v, "url");
    if (json_is_string(u))
      keep(&M->ld_url, json_string_value(u));
    json_t *p = json_object_get(v, "publisher");
    if (json_is_object(p) && json_is_string(json_object_get(p, "name")))
      keep(&M->ld_site, json_string_value(json_object_get(p, "name")));
    return 1;
  }
  const char *key;
  json_t *x;
  json_object_foreach(v, key, x) {
    if ((json_is_object(x) || json_is_array(x)) && ld_search(M, x, depth + 1))
      return 1;
  }
  return 0;
}

static void read_jsonld(meta *M, const xmlNode *script) {
  char *s = (char *)xmlNodeGetContent(script);
  if (!s)
    return;
  size_t n = strlen(s);
  if (n <= MAX_JSONLD) {
    json_t *j = json_loadb(s, n, JSON_DECODE_ANY, NULL);
    if (j)
      ld_search(M, j, 0);
    json_decref(j);
  }
  xmlFree(s);
}

/* ===== The metadata walk ===== */

/* One <meta> element: property/name/itemprop with content. */
static void read_meta_el(meta *M, const xmlNode *n) {
  char *content = attr(n, "content");
  if (!content)
    return;
  char *keys[3] = {attr(n, "property"), attr(n, "name"), attr(n, "itemprop")};
  for (int i = 0; i < 3; i++) {
    const char *k = keys[i];
    if (!k)
      continue;
    if (ieq(k, "article:published_time") ||
        ieq(k, "og:article:published_time"))
      set_date(M, DS_ARTICLE, content);
    else if (ieq(k, "datePublished"))
      set_date(M, DS_ITEMPROP, content);
    else if (ieq(k, "og:published_time") || ieq(k, "rnews:datePublished"))
      set_date(M, DS_OG, content);
    else if (ieq(k, "og:title"))
      keep(&M->og_title, content);
    else if (ieq(k, "og:url"))
      keep(&M->og_url, content);
    else if (ieq(k, "og:site_name"))
      keep(&M->og_site, content);
    else if (i == 1)
      for (size_t d = 0; d < sizeof date_names / sizeof *date_names; d++)
        if (ieq(k, date_names[d])) {
          set_date(M, DS_NAME, content);
          break;
        }
  }
  for (int i = 0; i < 3; i++)
    xmlFree(keys[i]);
  xmlFree(content);
}

/* Walks the whole tree once for the page's metadata. */
static void read_meta(meta *M, xmlNode *root) {
  for (xmlNode *n = root; n; n = walk_next(root, n, 0)) {
    if (n->type != XML_ELEMENT_NODE)
      continue;
    if (is_el(n, "meta")) {
      read_meta_el(M, n);
    } else if (is_el(n, "title") && !M->title) {
      char *t = (char *)xmlNodeGetContent(n);
      keep(&M->title, t);
      xmlFree(t);
    } else if (is_el(n, "h1") && !M->h1) {
      char *t = (char *)xmlNodeGetContent(n);
      keep(&M->h1, t);
      xmlFree(t);
    } else if (is_el(n, "link")) {
      char *rel = attr(n, "rel");
      if (rel && ieq(rel, "canonical")) {
        char *href = attr(n, "href");
        keep(&M->canonical, href);
        xmlFree(href);
      }
      xmlFree(rel);
    } else if (is_el(n, "script")) {
      char *type = attr(n, "type");
      if (type && ieq(type, "application/ld+json"))
        read_jsonld(M, n);
      xmlFree(type);
    } else {
      /* microdata on any element; <time pubdate> */
      char *ip = attr(n, "itemprop");
      if (ip && ieq(ip, "datePublished")) {
        char *v = attr(n, "content");
        if (!v)
          v = attr(n, "datetime");
        set_date(M, DS_ITEMPROP, v);
        xmlFree(v);
      }
      xmlFree(ip);
      if (is_el(n, "time") && xmlHasProp(n, (const xmlChar *)"pubdate")) {
        char *v = attr(n, "datetime");
        set_date(M, DS_PUBDATE, v);
        xmlFree(v);
      }
    }
  }
}

/* ===== What is not text ===== */

static const char *const drop_tags[] = {
    "script", "style",  "noscript", "template", "nav",    "header",
    "footer", "aside",  "form",     "button",   "select", "textarea",
    "input",  "label",  "option",   "figure",   "iframe", "svg",
    "canvas", "video",  "audio",    "picture",  "object", "embed",
    "map",    "head",   "title",    "dialog",   "menu"};

static const char *const drop_roles[] = {
    "navigation", "banner", "contentinfo", "complementary",
    "search",     "menu",   "menubar",     "dialog"};

static const char *const junk_words[] = {
    "ad",        "ads",      "advert",     "advertisement", "promo",
    "related",   "share",    "sharing",    "social",        "newsletter",
    "subscribe", "comments", "comment",    "cookie",        "cookies",
    "breadcrumb", "breadcrumbs", "sidebar", "menu",         "nav",
    "navbar",    "masthead", "sponsored",  "outbrain",      "taboola"};

static const char *const keep_words[] = {"article", "body",  "content",
                                         "main",    "story", "text"};

/* Does the class or id value v hold a word of list (words split at blanks,
 * '-' and '_')? */
static int has_word(const char *v, const char *const *list, size_t n) {
  if (!v)
    return 0;
  const char *s = v;
  while (*s) {
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '-' || *s == '_')
      s++;
    const char *w = s;
    while (*s && !(*s == ' ' || *s == '\t' || *s == '\n' || *s == '-' ||
                   *s == '_'))
      s++;
    size_t k = (size_t)(s - w);
    if (!k || k > 31)
      continue;
    char word[32];
    memcpy(word, w, k);
    word[k] = '\0';
    for (size_t i = 0; i < n; i++)
      if (ieq(word, list[i]))
        return 1;
  }
  return 0;
}

/* Is the element left out of the text, with all it holds? */
static int dropped(const xmlNode *n) {
  if (n->type != XML_ELEMENT_NODE)
    return 0;
  for (size_t i = 0; i < sizeof drop_tags / sizeof *drop_tags; i++)
    if (is_el(n, drop_tags[i]))
      return 1;
  if (xmlHasProp(n, (const xmlChar *)"hidden"))
    return 1;
  int out = 0;
  char *v = attr(n, "aria-hidden");
  if (v && ieq(v, "true"))
    out = 1;
  xmlFree(v);
  if (!out && (v = attr(n, "role")) != NULL) {
    for (size_t i = 0; i < sizeof drop_roles / sizeof *drop_roles; i++)
      if (ieq(v, drop_roles[i]))
        out = 1;
    xmlFree(v);
  }
  if (out || is_el(n, "html") || is_el(n, "body") || is_el(n, "article") ||
      is_el(n, "main"))
    return out;
  char *cls = attr(n, "class"), *id = attr(n, "id");
  size_t nj = sizeof junk_words / sizeof *junk_words;
  size_t nk = sizeof keep_words / sizeof *keep_words;
  if ((has_word(cls, junk_words, nj) || has_word(id, junk_words, nj)) &&
      !has_word(cls, keep_words, nk) && !has_word(id, keep_words, nk))
    out = 1;
  xmlFree(cls);
  xmlFree(id);
  return out;
}

static const char *const block_tags[] = {
    "p",       "div",     "h1",      "h2",         "h3",      "h4",
    "h5",      "h6",      "li",      "ul",         "ol",      "dl",
    "dt",      "dd",      "blockquote", "pre",     "table",   "tr",
    "td",      "th",      "section", "article",    "main",    "hr",
    "address", "figcaption", "caption", "center",  "details", "summary"};

static int is_block(const xmlNode *n) {
  if (n->type != XML_ELEMENT_NODE)
    return 0;
  for (size_t i = 0; i < sizeof block_tags / sizeof *block_tags; i++)
    if (is_el(n, block_tags[i]))
      return 1;
  return 0;
}

/* ===== Finding the article ===== */

/* The length of the text under n, kept elements only (bytes, blanks
 * counted once). */
static size_t text_len_under(xmlNode *n) {
  size_t len = 0;
  int prev_space = 1;
  for (xmlNode *c = n->children; c;) {
    int skip = dropped(c);
    if (!skip && (c->type == XML_TEXT_NODE ||
                  c->type == XML_CDATA_SECTION_NODE) && c->content) {
      for (const unsigned char *s = c->content; *s; s++) {
        int sp = *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r';
        if (!sp || !prev_space)
          len++;
        prev_space = sp;
      }
    }
    c = walk_next(n, c, skip);
  }
  return len;
}

typedef struct score {
  uintptr_t key;
  xmlNode *node;
  size_t score;
} score;

static int by_key(const void *a, const void *b) {
  uintptr_t x = ((const score *)a)->key, y = ((const score *)b)->key;
  return x < y ? -1 : x > y;
}

/* Chooses the element holding the article's text (see the top of the
 * file).  *nomem is set when the scores cannot be held. */
static xmlNode *find_content(xmlNode *root, int *nomem) {
  xmlNode *best_article = NULL, *body = NULL, *article_body = NULL;
  size_t best_article_score = 0;
  score *sc = NULL;
  size_t n_sc = 0, cap_sc = 0;
  for (xmlNode *n = root; n;) {
    int skip = n != root && dropped(n);
    if (!skip && is_el(n, "body") && !body)
      body = n;
    if (!skip && !article_body && n->type == XML_ELEMENT_NODE) {
      char *ip = attr(n, "itemprop");
      if (ip && ieq(ip, "articleBody"))
        article_body = n;
      xmlFree(ip);
    }
    if (!skip && is_el(n, "article")) {
      /* Paragraph text of the article, else all its text. */
      size_t s = 0;
      for (xmlNode *c = n->children; c;) {
        int cs = dropped(c);
        if (!cs && is_el(c, "p")) {
          s += text_len_under(c);
          cs = 1;
        }
        c = walk_next(n, c, cs);
      }
      if (!s)
        s = text_len_under(n) / 4;
      if (s > best_article_score) {
        best_article_score = s;
        best_article = n;
      }
    }
    if (!skip && is_el(n, "p") && n->parent &&
        n->parent->type == XML_ELEMENT_NODE) {
      size_t len = text_len_under(n);
      if (n_sc + 2 > cap_sc) {
        size_t c = cap_sc ? cap_sc * 2 : 256;
        score *ns = realloc(sc, c * sizeof *ns);
        if (!ns) {
          *nomem = 1;
          free(sc);
          return NULL;
        }
        sc = ns;
        cap_sc = c;
      }
      xmlNode *p = n->parent, *g = p->parent;
      sc[n_sc++] = (score){(uintptr_t)p, p, len};
      if (g && g->type == XML_ELEMENT_NODE)
        sc[n_sc++] = (score){(uintptr_t)g, g, len / 2};
    }
    n = walk_next(root, n, skip);
  }
  if (article_body || best_article) {
    free(sc);
    return article_body ? article_body : best_article;
  }
  xmlNode *best = NULL;
  size_t best_score = 0, n_sum = 0;
  if (n_sc) {
    /* One entry per element: its summed score. */
    qsort(sc, n_sc, sizeof *sc, by_key);
    for (size_t i = 0; i < n_sc;) {
      size_t j = i, sum = 0;
      while (j < n_sc && sc[j].key == sc[i].key)
        sum += sc[j++].score;
      sc[n_sum++] = (score){sc[i].key, sc[i].node, sum};
      if (sum > best_score) {
        best_score = sum;
        best = sc[i].node;
      }
      i = j;
    }
  }
  /* The text split over sibling blocks: a parent whose score is over 0.6
   * of the best's holds more paragraphs than the best's alone (with none,
   * it would have exactly half). */
  while (best && best->parent) {
    score key = {(uintptr_t)best->parent, NULL, 0};
    score *up = n_sum ? bsearch(&key, sc, n_sum, sizeof *sc, by_key) : NULL;
    if (!up || up->score * 10 <= best_score * 6)
      break;
    best = up->node;
    best_score = up->score;
  }
  free(sc);
  return best ? best : body ? body : root;
}

/* Writes the text of the content element into b: a walk that enters each
 * node (text, <br>, the start of a block) and leaves it (the end of a
 * block), never going into a dropped element. */
static void extract(buf *b, xmlNode *region) {
  if (dropped(region))
    return;
  xmlNode *n = region;
  while (!b->over && !b->nomem) {
    int skip = n != region && dropped(n);
    if (skip)
      b->space = 1;
    else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      if (n->content)
        put_text(b, (const char *)n->content);
    } else if (is_el(n, "br"))
      line_break(b);
    else if (is_block(n))
      para_break(b);
    if (!skip && n->children) {
      n = n->children;
      continue;
    }
    /* Leave n, and each parent whose last child it is. */
    for (;;) {
      if (!skip && is_block(n))
        para_break(b);
      if (n == region)
        return;
      if (n->next) {
        n = n->next;
        break;
      }
      n = n->parent;
      skip = 0;
    }
  }
}

/* ===== The page ===== */

int input_html_sniff(const char *s, size_t n) {
  size_t i = 0;
  if (n >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB &&
      (unsigned char)s[2] == 0xBF)
    i = 3;
  for (;;) {
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
                     s[i] == '\r' || s[i] == '\f'))
      i++;
    const char *end = NULL;
    if (starts_ci(s + i, n - i, "<?"))
      end = "?>";
    else if (starts_ci(s + i, n - i, "<!--"))
      end = "-->";
    if (!end)
      break;
    size_t k = strlen(end), j = i + 2;
    while (j + k <= n && memcmp(s + j, end, k))
      j++;
    if (j + k > n)
      return 0;
    i = j + k;
  }
  static const char *const starts[] = {"<!doctype html", "<html", "<head",
                                       "<body"};
  for (size_t t = 0; t < 4; t++) {
    size_t k = strlen(starts[t]);
    if (starts_ci(s + i, n - i, starts[t]) &&
        (i + k == n || s[i + k] == ' ' || s[i + k] == '>' ||
         s[i + k] == '\t' || s[i + k] == '\n' || s[i + k] == '\r' ||
         s[i + k] == '/'))
      return 1;
  }
  return 0;
}

/* Binary data: many NUL or control bytes in the first 8 KiB. */
static int looks_binary(const char *s, size_t n) {
  size_t m = n < 8192 ? n : 8192, bad = 0;
  for (size_t i = 0; i < m; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == 0 || (c < 0x20 && c != '\n' && c != '\r' && c != '\t' &&
                   c != '\f'))
      bad++;
  }
  return m > 0 && bad * 10 > m;
}

/* Is s[0..n) valid UTF-8 (no overlongs, no surrogates)? */
static int valid_utf8(const unsigned char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    size_t k;
    unsigned min;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      k = 1;
      min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
      k = 2;
      min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
      k = 3;
      min = 0x10000;
    } else {
      return 0;
    }
    if (n - i <= k)
      return 0;
    unsigned cp = c & (0x3F >> k);
    for (size_t j = 1; j <= k; j++) {
      if ((s[i + j] & 0xC0) != 0x80)
        return 0;
      cp = (cp << 6) | (s[i + j] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return 0;
    i += k + 1;
  }
  return 1;
}

/* The page in UTF-8 from windows-1252, in a new buffer (*out_len bytes,
 * free with free), or NULL when out of memory.  The five bytes
 * windows-1252 leaves undefined become U+FFFD. */
static char *from_cp1252(const char *page, size_t len, size_t *out_len) {
  static const unsigned short c1[32] = {
      0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
      0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
      0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
      0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
  char *u = malloc(len * 3 + 1);
  if (!u)
    return NULL;
  size_t n = 0;
  for (size_t i = 0; i < len; i++) {
    unsigned c = (unsigned char)page[i];
    if (c >= 0x80 && c < 0xA0)
      c = c1[c - 0x80];
    if (c < 0x80) {
      u[n++] = (char)c;
    } else if (c < 0x800) {
      u[n++] = (char)(0xC0 | c >> 6);
      u[n++] = (char)(0x80 | (c & 0x3F));
    } else {
      u[n++] = (char)(0xE0 | c >> 12);
      u[n++] = (char)(0x80 | (c >> 6 & 0x3F));
      u[n++] = (char)(0x80 | (c & 0x3F));
    }
  }
  *out_len = n;
  return u;
}

/* How to read a page's bytes: 0 to let libxml2 follow the page's own
 * declaration, 1 as UTF-8, 2 as windows-1252.  The first "charset" in the
 * first 8 KiB (a <meta charset>, an http-equiv Content-Type) decides:
 * UTF-8, windows-1252 for its labels (also ISO-8859-1, as browsers read
 * it), else libxml2 (its other encodings).  A page that opens with an XML
 * declaration or a byte-order mark is left to libxml2; a page declaring
 * nothing is UTF-8 when its bytes are valid UTF-8, else windows-1252 (what
 * browsers assume; libxml2 alone would read Latin-1). */
static int page_encoding(const char *page, size_t len) {
  size_t m = len < 8192 ? len : 8192;
  if (len >= 2 && (((unsigned char)page[0] == 0xFE &&
                    (unsigned char)page[1] == 0xFF) ||
                   ((unsigned char)page[0] == 0xFF &&
                    (unsigned char)page[1] == 0xFE) ||
                   ((unsigned char)page[0] == 0xEF &&
                    (unsigned char)page[1] == 0xBB)))
    return 0;
  for (size_t i = 0; i + 7 <= m; i++)
    if ((page[i] == 'c' || page[i] == 'C') &&
        starts_ci(page + i, m - i, "charset")) {
      /* The label: windows-1252 and the labels the WHATWG Encoding
       * standard reads as windows-1252 are converted here (libxml2's iconv
       * stops at the bytes windows-1252 leaves undefined); others go to
       * libxml2. */
      static const char *const w1252[] = {
          "windows-1252", "cp1252", "iso-8859-1", "iso8859-1", "latin1",
          "us-ascii", "ascii", "l1", "iso_8859-1", "x-cp1252"};
      size_t j = i + 7;
      while (j < m && (page[j] == ' ' || page[j] == '=' || page[j] == '"' ||
                       page[j] == '\''))
        j++;
      size_t k = 0;
      while (j + k < m && k < 20 &&
             ((page[j + k] >= 'a' && page[j + k] <= 'z') ||
              (page[j + k] >= 'A' && page[j + k] <= 'Z') ||
              (page[j + k] >= '0' && page[j + k] <= '9') ||
              page[j + k] == '-' || page[j + k] == '_'))
        k++;
      char label[24];
      memcpy(label, page + j, k);
      label[k] = '\0';
      for (size_t w = 0; w < sizeof w1252 / sizeof *w1252; w++)
        if (ieq(label, w1252[w]))
          return 2;
      if (ieq(label, "utf-8") || ieq(label, "utf8"))
        return 1;
      return 0;
    }
  size_t i = 0;
  while (i < m && (page[i] == ' ' || page[i] == '\n' || page[i] == '\r' ||
                   page[i] == '\t'))
    i++;
  if (starts_ci(page + i, m - i, "<?xml"))
    return 0; /* its encoding="..." or UTF-8 */
  return valid_utf8((const unsigned char *)page, len) ? 1 : 2;
}

/* libxml2 reports some faults (a byte its converter rejects) through its
 * generic handler, whatever the parser's options: silenced while a page is
 * read (the handler is per thread). */
static void quiet(void *ctx, const char *msg, ...) {
  (void)ctx;
  (void)msg;
}

void input_html_init(void) { xmlInitParser(); }

const char *input_html_strerror(int rc) {
  switch (rc) {
  case INPUT_HTML_OK:
    return "ok";
  case INPUT_HTML_BINARY:
    return "binary data, not an HTML page";
  case INPUT_HTML_NO_TEXT:
    return "no article text in the HTML page";
  case INPUT_HTML_TOO_BIG:
    return "HTML page or its text over the size limit (--max-doc-bytes)";
  case INPUT_HTML_NOMEM:
    return "out of memory reading the HTML page";
  case INPUT_HTML_UNPARSED:
    return "not an HTML page (libxml2 could not read it)";
  case INPUT_HTML_TOO_DEEP:
    return "no article text before elements nested deeper than 256 (the "
           "rest of the page is not read)";
  }
  return "unknown HTML reading error";
}

void input_html_free(input_html *h) {
  if (!h)
    return;
  free(h->title);
  free(h->date);
  free(h->url);
  free(h->source);
  free(h->text);
  memset(h, 0, sizeof *h);
}

static void meta_free(meta *M) {
  free(M->og_title);
  free(M->title);
  free(M->ld_title);
  free(M->h1);
  free(M->og_url);
  free(M->canonical);
  free(M->ld_url);
  free(M->og_site);
  free(M->ld_site);
}

/* Moves the first non-NULL of a, b, c, d into the result; frees the rest. */
static char *first_of(char **a, char **b, char **c, char **d) {
  char **all[4] = {a, b, c, d};
  for (int i = 0; i < 4; i++)
    if (all[i] && *all[i]) {
      char *r = *all[i];
      *all[i] = NULL;
      return r;
    }
  return NULL;
}

/* A <title> often ends with the site's name: "Headline | Site",
 * "Headline - Site", "Headline \u2014 Site".  Cuts it off when the page
 * names its site and the title is longer than the suffix. */
static void strip_site(char *title, const char *site) {
  static const char *const seps[] = {" | ", " - ", " \xe2\x80\x93 ",
                                     " \xe2\x80\x94 ", " :: ", " \xc2\xbb "};
  if (!title || !site)
    return;
  size_t tn = strlen(title), sn = strlen(site);
  if (tn <= sn || strcmp(title + tn - sn, site))
    return;
  for (size_t i = 0; i < sizeof seps / sizeof *seps; i++) {
    size_t k = strlen(seps[i]);
    if (tn > sn + k && !memcmp(title + tn - sn - k, seps[i], k)) {
      title[tn - sn - k] = '\0';
      return;
    }
  }
}

/* A URL must be one token: no blanks or control characters. */
static void drop_bad_url(char **u) {
  if (!*u)
    return;
  for (const unsigned char *s = (const unsigned char *)*u; *s; s++)
    if (*s <= ' ' || *s == 0x7F) {
      free(*u);
      *u = NULL;
      return;
    }
}

int input_html_read(const char *page, size_t len, size_t max_text,
                    input_html *out) {
  memset(out, 0, sizeof *out);
  if (!max_text)
    max_text = DEFAULT_MAX_TEXT;
  if (len > INT_MAX)
    return INPUT_HTML_TOO_BIG;
  if (looks_binary(page, len))
    return INPUT_HTML_BINARY;
  int enc = page_encoding(page, len);
  char *conv = NULL;
  if (enc == 2) {
    if (len > INT_MAX / 3)
      return INPUT_HTML_TOO_BIG;
    if (!(conv = from_cp1252(page, len, &len)))
      return INPUT_HTML_NOMEM;
    page = conv;
  }
  htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
  if (!ctxt) {
    free(conv);
    return INPUT_HTML_NOMEM;
  }
  xmlGenericErrorFunc old_handler = xmlGenericError;
  void *old_ctx = xmlGenericErrorContext;
  xmlSetGenericErrorFunc(NULL, quiet);
  htmlDocPtr doc = htmlCtxtReadMemory(
      ctxt, page, (int)len, NULL, enc ? "UTF-8" : NULL,
      HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
          HTML_PARSE_NONET | HTML_PARSE_COMPACT |
          (enc ? HTML_PARSE_IGNORE_ENC : 0));
  xmlSetGenericErrorFunc(old_ctx, old_handler);
  free(conv);
  /* libxml2 stops at 256 nested elements (without XML_PARSE_HUGE, which
   * stays off): the rest of the page is not read. */
  int too_deep = ctxt->lastError.code == XML_ERR_INTERNAL_ERROR &&
                 ctxt->lastError.message &&
                 strstr(ctxt->lastError.message, "depth");
  htmlFreeParserCtxt(ctxt);
  xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
  if (!root) {
    xmlFreeDoc(doc);
    return too_deep ? INPUT_HTML_TOO_DEEP
                    : len ? INPUT_HTML_UNPARSED : INPUT_HTML_NO_TEXT;
  }
  xmlNode *top = root;
  meta M;
  memset(&M, 0, sizeof M);
  read_meta(&M, top);
  int nomem = 0;
  xmlNode *region = find_content(top, &nomem);
  int rc = INPUT_HTML_OK;
  buf b = {NULL, 0, 0, max_text, 0, 0, 0};
  if (nomem) {
    rc = INPUT_HTML_NOMEM;
  } else {
    for (xmlNode *n = region; n; n = walk_next(region, n, 0))
      if (is_el(n, "time")) {
        char *v = attr(n, "datetime");
        set_date(&M, DS_TIME, v);
        xmlFree(v);
        if (M.date[DS_TIME][0])
          break;
      }
    extract(&b, region);
    while (b.n && (b.p[b.n - 1] == '\n' || b.p[b.n - 1] == ' '))
      b.p[--b.n] = '\0';
    if (b.nomem)
      rc = INPUT_HTML_NOMEM;
    else if (b.over)
      rc = INPUT_HTML_TOO_BIG;
    else if (!b.n)
      rc = too_deep ? INPUT_HTML_TOO_DEEP : INPUT_HTML_NO_TEXT;
  }
  xmlFreeDoc(doc);
  if (rc != INPUT_HTML_OK) {
    free(b.p);
    meta_free(&M);
    return rc;
  }
  out->text = b.p;
  out->text_len = b.n;
  if (too_deep)
    out->note = "elements nested deeper than 256: the rest of the page is "
                "not read";
  for (int s = 0; s < DS_COUNT; s++)
    if (M.date[s][0]) {
      out->date = malloc(11);
      if (out->date) {
        memcpy(out->date, M.date[s], 11);
        out->date_from = ds_name[s];
      }
      break;
    }
  out->title = first_of(&M.og_title, &M.title, &M.ld_title, &M.h1);
  drop_bad_url(&M.og_url);
  drop_bad_url(&M.canonical);
  drop_bad_url(&M.ld_url);
  out->url = first_of(&M.og_url, &M.canonical, &M.ld_url, NULL);
  out->source = first_of(&M.og_site, &M.ld_site, NULL, NULL);
  strip_site(out->title, out->source);
  meta_free(&M);
  return INPUT_HTML_OK;
}
