/* quotes.c -- the quotation finder and the speaker cues (quotes.h).
 *
 * Quotations are found on the normalised text, where curly and low-9 double
 * quotes and guillemets are already '"' and curly single quotes '\'', in one
 * pass that
 * also finds the paragraphs exactly as the tokenizer does (a blank line, or
 * a line break and an indent of 2+ spaces after a line that ends a
 * sentence), so q->para agrees with the tokens' para.  Within a paragraph:
 *   - a '"' can open when it follows the paragraph start, whitespace, an
 *     opening bracket, a dash or , ; : / (MT copy glues 'said,"We') and
 *     precedes something other than whitespace; it can close when it
 *     follows something other than whitespace and precedes whitespace,
 *     punctuation or the paragraph end.  Outside a quote a mark that can
 *     open opens; inside one a mark that can close closes (so `..." I was.`
 *     ends at the mark), and a mark that can only open means the quote was
 *     never closed: the old one ends before it and a new one starts.  A mark
 *     that can do neither (5" gun, a"b) is ignored.  When the unclosed
 *     quote ended a sentence (`weeks. "We are`), the new one continues it:
 *     that is the paragraph convention below in copy that lost its
 *     paragraph breaks;
 *   - a quote never runs past its paragraph: one still open at the end
 *     ends there with closed = 0.  News writes a quote running over several
 *     paragraphs with an opening mark at each paragraph and a closing mark
 *     only at the end, so a paragraph whose first character reopens a quote
 *     gives a piece whose continues names the open piece before it;
 *   - single quotes inside a double-quoted quote are nested quotes; outside
 *     double quotes they count only in a headline-like paragraph (one line,
 *     short, no full stop at its end, no '"'), as in 'Peace is near,' Biden
 *     says.  Apostrophes are never marks: one inside a word (Kyiv's, don't)
 *     can neither open nor close, and the elisions that look like an opening
 *     mark ('90s, 'n', 'em, 'til, 'cause) are skipped.  A closing ' after an
 *     s and before a word (the leaders' meeting, Jesus' words) is taken only
 *     when no better closing mark comes before the next opening one.
 * Every byte is looked at a bounded number of times, so the finder is
 * linear; records stop at the caller's capacity.
 *
 * Speaker cues use the tokens and sentences.  For each top-level quote, in
 * order of preference (after first when the quote ends in , ? or !):
 *   after the closing mark:  "...," X said | "...," said X |
 *                            "...," according to X | "...," X, the ..., said
 *   before the opening mark: X said, "..." | X said: "..." | X said of Y, "
 *                            (the nearest reporting verb in the sentence, at
 *                            most CUE_REACH tokens back) | X: "..." (a
 *                            headline: X is all that precedes the colon
 *                            and holds a capitalised word).
 * After a quote that ends in a full stop the next sentence is taken for an
 * attribution only when it ends within a few tokens of the verb.
 * The cue is a noun phrase of at most DYAD__CUE_MAX tokens: a pronoun, or
 * words that are not function words, with titles and names (Prime Minister
 * Kishida, Secretary-General Stoltenberg), possessives, "of"/"for" inside,
 * and at most one determiner at its left (a senior official).  A quote with
 * no cue takes the speaker of the quote it continues (or of a later piece of
 * the same quote), or of the quote just before it when it opens its sentence
 * and that quote ended in the sentence before or in the same sentence, or
 * when it opens its paragraph and that quote is in the paragraph before.
 */
#include "quotes.h"

#include <string.h>

/* Longest headline-like paragraph whose single quotes are quotations. */
#define HEADLINE_MAX 300

/* How far back from an opening mark a reporting verb may be (tokens):
 * "Stoltenberg said of Russia's aggression against Ukraine, \"" is 8. */
#define CUE_REACH 14

/* Tokens after a closing mark searched for a cue ("...," X, the ..., said). */
#define CUE_AFTER 16

/* ---- characters of the normalised text --------------------------------- */

/* Character classes for the context of a mark: an ASCII byte stands for
 * itself; these stand for the rest. */
enum { CH_EDGE = -1, CH_OTHER = 256 };

/* Whitespace as the tokenizer sees it: ASCII controls, space, DEL (line
 * breaks included). */
static int is_ws(int c) { return c >= 0 && (c <= 0x20 || c == 0x7F); }

/* A letter or digit (any non-ASCII character counts: marks are ASCII). */
static int is_alnum(int c) {
  return c == CH_OTHER || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
         (c >= 'A' && c <= 'Z');
}

/* The character before s[i], as a class; CH_EDGE when i == lo.  A C1
 * control (C2 80..C2 9F) is whitespace, as for the tokenizer. */
static int prev_ch(const unsigned char *s, size_t i, size_t lo) {
  if (i <= lo)
    return CH_EDGE;
  unsigned c = s[i - 1];
  if (c < 0x80)
    return (int)c;
  if (c <= 0x9F && i - 1 > lo && s[i - 2] == 0xC2)
    return ' ';
  return CH_OTHER;
}

/* The character at s[i], as a class; CH_EDGE when i >= hi. */
static int next_ch(const unsigned char *s, size_t i, size_t hi) {
  if (i >= hi)
    return CH_EDGE;
  unsigned c = s[i];
  if (c < 0x80)
    return (int)c;
  if (c == 0xC2 && i + 1 < hi && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F)
    return ' ';
  return CH_OTHER;
}

/* Length of the whitespace character ending at s[e] (exclusive), or 0. */
static size_t ws_before(const unsigned char *s, size_t lo, size_t e) {
  if (e <= lo)
    return 0;
  unsigned c = s[e - 1];
  if (c < 0x80)
    return is_ws((int)c) ? 1 : 0;
  if (c <= 0x9F && e - 1 > lo && s[e - 2] == 0xC2)
    return 2;
  return 0;
}

/* Whether a '"' may open after the character p. */
static int dq_opens_after(int p) {
  return p == CH_EDGE || is_ws(p) || p == '(' || p == '[' || p == '{' ||
         p == '-' || p == ',' || p == ';' || p == ':' || p == '/';
}

/* Whether a mark may close before the character n. */
static int closes_before(int n) {
  return n == CH_EDGE || is_ws(n) || n == '.' || n == ',' || n == ';' ||
         n == ':' || n == '!' || n == '?' || n == ')' || n == ']' || n == '}' ||
         n == '-' || n == '"' || n == '\'' || n == '/';
}

/* Whether a '\'' may open after the character p. */
static int sq_opens_after(int p) {
  return p == CH_EDGE || is_ws(p) || p == '(' || p == '[' || p == '{' ||
         p == '-' || p == ':' || p == '"';
}

static int lower_ascii(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* Elisions written with a leading apostrophe, which must not open a quote:
 * 'n' (rock 'n' roll), 'em, 'til, 'tis, 'twas, 'cause, 'bout, 'nuff. */
static const char *const elisions[] = {"n",     "em",   "til",  "tis", "twas",
                                       "cause", "bout", "nuff", NULL};

/* When the '\'' at s[i] (before hi) starts an elision, returns how many
 * bytes to skip (the apostrophe, the word, and the closing ' of 'n'); else
 * 0.  The year forms '90s and '03 count. */
static size_t elision_len(const unsigned char *s, size_t i, size_t hi) {
  size_t w = i + 1;
  while (w < hi && w - i <= 6 && is_alnum(next_ch(s, w, hi)) && s[w] < 0x80)
    w++;
  size_t wl = w - i - 1;
  if (wl == 0 || is_alnum(next_ch(s, w, hi)))
    return 0;
  if (wl >= 2 && s[i + 1] >= '0' && s[i + 1] <= '9' && s[i + 2] >= '0' &&
      s[i + 2] <= '9') {
    if (wl == 2 || (wl == 3 && lower_ascii(s[i + 3]) == 's'))
      return wl + 1;
    return 0;
  }
  for (size_t k = 0; elisions[k]; k++) {
    size_t el = strlen(elisions[k]);
    if (el != wl)
      continue;
    size_t j = 0;
    while (j < el && lower_ascii(s[i + 1 + j]) == elisions[k][j])
      j++;
    if (j < el)
      continue;
    if (el == 1) /* 'n' needs its closing apostrophe */
      return w < hi && s[w] == '\'' ? 3 : 0;
    return wl + 1;
  }
  return 0;
}

/* ---- the finder -------------------------------------------------------- */

typedef struct qf {
  const dyad__text *t;
  const unsigned char *s;
  dyad__quote *out;
  size_t max, n;
  int carry; /* record left open at the previous paragraph's end, or -1 */
} qf;

/* Appends a record for content s[cs..ce) (norm offsets) opened by the mark
 * at om; cm is the closing mark's offset or (size_t)-1.  Returns its index,
 * or -1 when the capacity is reached. */
static int add(qf *f, size_t om, size_t cs, size_t ce, size_t cm, uint32_t para,
               int cont, int nested, int single) {
  if (f->n >= f->max)
    return -1;
  const dyad__text *t = f->t;
  dyad__quote *q = &f->out[f->n];
  q->open = t->map[om];
  q->start = t->map[cs];
  if (cm != (size_t)-1) {
    q->close = q->end = t->map[cm];
    q->closed = 1;
  } else {
    q->close = UINT32_MAX;
    q->end = dyad__text_orig_end(t, ce);
    q->closed = 0;
  }
  q->para = para;
  q->continues = cont;
  q->nested_in = nested;
  q->single = single;
  q->cue_start = q->cue_end = UINT32_MAX;
  q->cue_first = -1;
  q->cue_count = 0;
  q->verb = -1;
  q->speaker_from = -1;
  return (int)f->n++;
}

/* Whether the '\'' at s[j] in [lo, hi) can close a single-quoted quote. */
static int sq_can_close(const unsigned char *s, size_t j, size_t lo,
                        size_t hi) {
  int p = prev_ch(s, j, lo);
  return p != CH_EDGE && !is_ws(p) && closes_before(next_ch(s, j + 1, hi));
}

/* Whether the closing-looking '\'' at s[j] may be a possessive apostrophe:
 * after an s and before a word (the leaders' meeting, Jesus' words). */
static int sq_possessive(const unsigned char *s, size_t j, size_t lo,
                         size_t hi) {
  int p = prev_ch(s, j, lo);
  if (p != 's' && p != 'S')
    return 0;
  size_t k = j + 1;
  while (k < hi && k < j + 4 && s[k] == ' ')
    k++;
  return k > j + 1 && is_alnum(next_ch(s, k, hi));
}

/* Finds single-quoted quotes in s[lo..hi) (the content of the quote nested
 * (index), or a headline paragraph when nested is -1).  Each byte is
 * scanned at most twice: a search for a closing mark stops at the next
 * opening one, and only the stretch back to a possessive fallback is seen
 * again. */
static int single_scan(qf *f, size_t lo, size_t hi, uint32_t para, int nested) {
  const unsigned char *s = f->s;
  size_t i = lo;
  while (i < hi) {
    if (s[i] != '\'') {
      i++;
      continue;
    }
    if (!sq_opens_after(prev_ch(s, i, lo))) {
      i++;
      continue;
    }
    size_t el = elision_len(s, i, hi);
    if (el) {
      i += el;
      continue;
    }
    if (!is_alnum(next_ch(s, i + 1, hi))) {
      i++;
      continue;
    }
    /* s[i] opens: look for its closing mark. */
    size_t found = (size_t)-1, poss = (size_t)-1, j = i + 1;
    while (j < hi) {
      if (s[j] != '\'') {
        j++;
        continue;
      }
      if (sq_opens_after(prev_ch(s, j, lo))) {
        size_t ej = elision_len(s, j, hi);
        if (ej) {
          j += ej;
          continue;
        }
        if (is_alnum(next_ch(s, j + 1, hi)))
          break; /* a new opening mark */
      }
      if (sq_can_close(s, j, lo, hi)) {
        if (!sq_possessive(s, j, lo, hi)) {
          found = j;
          break;
        }
        if (poss == (size_t)-1)
          poss = j;
      }
      j++;
    }
    size_t c = found != (size_t)-1 ? found : poss;
    if (c != (size_t)-1) {
      if (add(f, i, i + 1, c, c, para, -1, nested, 1) < 0)
        return -1;
      i = c + 1;
    } else if (j < hi) {
      i = j; /* start again from the new opening mark */
    } else {
      break; /* no closing mark anywhere after: none after later ones */
    }
  }
  return 0;
}

/* Appends a double-quoted quote and the quotes nested in it; returns its
 * index or -1 when the capacity is reached. */
static int add_double(qf *f, size_t om, size_t ce, size_t cm, uint32_t para,
                      int cont) {
  int idx = add(f, om, om + 1, ce, cm, para, cont, -1, 0);
  if (idx < 0 || single_scan(f, om + 1, ce, para, idx) < 0)
    return -1;
  return idx;
}

/* Whether paragraph s[ps..pe) looks like a headline: one short line, no
 * '"', not ending in a full stop (closing marks and brackets aside). */
static int headline_like(const unsigned char *s, size_t ps, size_t pe) {
  if (pe - ps > HEADLINE_MAX)
    return 0;
  int has_sq = 0;
  for (size_t i = ps; i < pe; i++) {
    if (s[i] == '\n' || s[i] == '\v' || s[i] == '\f' || s[i] == '"')
      return 0;
    has_sq |= s[i] == '\'';
  }
  size_t e = pe;
  while (e > ps && (s[e - 1] == '\'' || s[e - 1] == ')' || s[e - 1] == ']'))
    e--;
  return has_sq && e > ps && s[e - 1] != '.';
}

/* Finds the quotes of paragraph s[ps..pe) (pe: past its last non-space
 * character).  Returns -1 when the capacity is reached. */
static int do_para(qf *f, size_t ps, size_t pe, uint32_t para) {
  const unsigned char *s = f->s;
  int carry = f->carry;
  f->carry = -1;
  size_t om = (size_t)-1; /* the open quote's mark */
  int cont = -1, any = 0;
  for (size_t i = ps; i < pe; i++) {
    if (s[i] != '"')
      continue;
    any = 1;
    int p = prev_ch(s, i, ps), nx = next_ch(s, i + 1, pe);
    int can_open = dq_opens_after(p) && nx != CH_EDGE && !is_ws(nx);
    int can_close = p != CH_EDGE && !is_ws(p) && closes_before(nx);
    if (om != (size_t)-1) {
      if (can_close) {
        if (i > om + 1 && add_double(f, om, i, i, para, cont) < 0)
          return -1;
        om = (size_t)-1;
      } else if (can_open) {
        /* Never closed: it ends before this mark, which opens anew.  When
         * it ended a sentence, this is the paragraph convention in copy
         * whose paragraph breaks were lost ('26 weeks. "We are going'):
         * the new piece continues it. */
        size_t e = i, k;
        while ((k = ws_before(s, om + 1, e)) != 0)
          e -= k;
        int idx = add_double(f, om, e, (size_t)-1, para, cont);
        if (idx < 0)
          return -1;
        om = i;
        cont = s[e - 1] == '.' || s[e - 1] == '!' || s[e - 1] == '?' ? idx : -1;
      }
    } else if (can_open) {
      om = i;
      cont = i == ps ? carry : -1;
    }
  }
  if (om != (size_t)-1) {
    int idx = add_double(f, om, pe, (size_t)-1, para, cont);
    if (idx < 0)
      return -1;
    f->carry = idx;
  }
  if (!any && headline_like(s, ps, pe))
    return single_scan(f, ps, pe, para, -1);
  return 0;
}

size_t dyad__quotes_find(const dyad__text *t, dyad__quote *out, size_t max) {
  if (!t || !t->norm || !out || max == 0)
    return 0;
  if (max > (size_t)INT32_MAX)
    max = (size_t)INT32_MAX;
  qf f = {t, (const unsigned char *)t->norm, out, max, 0, -1};
  const unsigned char *s = f.s;
  size_t n = t->norm_len;
  /* Paragraph state, as the tokenizer keeps it: line breaks and indent
   * since the last character, and whether the last token that is not a
   * quotation mark or closing bracket ends a sentence. */
  size_t nl = 0, ind = 0, bt = 0, ps = 0, pe = 0;
  int seen = 0, ends = 0;
  uint32_t para = 0;
  size_t i = 0;
  while (i < n) {
    unsigned c = s[i];
    size_t cl = 1;
    int ws = 0;
    if (c < 0x80) {
      if (c == '\n' || c == '\v' || c == '\f' || c == '\r') {
        nl++;
        ind = 0;
        ws = 1;
      } else if (is_ws((int)c)) {
        ind += nl > 0;
        ws = 1;
      }
    } else if (c == 0xC2 && i + 1 < n && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F) {
      ind += nl > 0;
      ws = 1;
      cl = 2;
    } else {
      while (i + cl < n && (s[i + cl] & 0xC0) == 0x80)
        cl++;
    }
    if (ws) {
      if (bt & 1) /* a lone ` is a token that ends nothing */
        ends = 0;
      bt = 0;
      i += cl;
      continue;
    }
    if (seen && (nl >= 2 || (nl == 1 && ind >= 2 && ends))) {
      if (do_para(&f, ps, pe, para) < 0)
        return f.n;
      para++;
      ps = i;
    } else if (!seen) {
      ps = i;
    }
    seen = 1;
    nl = 0;
    ind = 0;
    if (c == '`') {
      bt++; /* `` is a quotation mark; a lone ` is not */
    } else {
      if (bt & 1)
        ends = 0;
      bt = 0;
      if (c >= 0x80)
        ends = 0;
      else if (c != '"' && c != '\'' && c != ')' && c != ']')
        ends = c == '.' || c == '!' || c == '?';
    }
    i += cl;
    pe = i;
  }
  if (seen)
    (void)do_para(&f, ps, pe, para);
  return f.n;
}

/* ---- speaker cues ------------------------------------------------------ */

/* Reporting verbs, in the forms news uses around a quotation: the brief's
 * list (said ... announced) and the next most frequent ones in wire and
 * BBC copy (admitted, joked, concluded, ...).  Present forms that are also
 * common nouns (states, notes, claims, remarks) are left out. */
static const char *const rverbs[] = {
    "said",       "says",       "say",       "told",      "tells",
    "added",      "adds",       "stated",    "warned",    "warns",
    "asked",      "asks",       "insisted",  "insists",   "declared",
    "declares",   "noted",      "wrote",     "writes",    "explained",
    "explains",   "stressed",   "stresses",  "argued",    "argues",
    "claimed",    "replied",    "replies",   "continued", "remarked",
    "announced",  "announces",  "admitted",  "admits",    "joked",
    "concluded",  "observed",   "revealed",  "commented", "acknowledged",
    "conceded",   "recalled",   "predicted", "urged",     "emphasised",
    "emphasized", "complained", NULL};

static const char *const pronouns[] = {"he", "she", "they", "it",
                                       "we", "i",   "you",  NULL};

static const char *const determiners[] = {
    "a",       "an",   "the",     "this", "these", "those", "his",
    "her",     "its",  "their",   "our",  "my",    "your",  "some",
    "several", "many", "another", "one",  NULL};

/* Words that join the parts of a name or title. */
static const char *const connectors[] = {"of", "for", "'s", NULL};

/* Words that end a noun phrase whatever their case (time words, sentence
 * adverbs). */
static const char *const stop_any[] = {
    "monday",    "tuesday",  "wednesday",  "thursday",  "friday", "saturday",
    "sunday",    "january",  "february",   "march",     "july",   "september",
    "october",   "november", "december",   "yesterday", "today",  "tonight",
    "also",      "later",    "then",       "further",   "again",  "however",
    "meanwhile", "earlier",  "previously", "there",     "here",   NULL};

/* Function words that end a noun phrase when written in lower case (or
 * first in their sentence, where the capital means nothing). */
static const char *const stop_lower[] = {
    "in",     "on",      "at",      "by",        "with",    "from",  "to",
    "into",   "during",  "after",   "before",    "since",   "under", "over",
    "about",  "against", "through", "among",     "between", "near",  "without",
    "within", "per",     "via",     "and",       "or",      "but",   "nor",
    "so",     "yet",     "because", "although",  "though",  "while", "when",
    "where",  "whereas", "if",      "unless",    "whether", "as",    "than",
    "that",   "which",   "who",     "whom",      "whose",   "what",  "how",
    "why",    "is",      "are",     "was",       "were",    "be",    "been",
    "being",  "has",     "have",    "had",       "will",    "would", "could",
    "should", "can",     "may",     "might",     "must",    "do",    "does",
    "did",    "not",     "no",      "according", NULL};

/* Whether the token's lower-cased text is one of list. */
static int in_list(const dyad__token *t, const char *const *list) {
  for (size_t i = 0; list[i]; i++) {
    if (list[i][0] != t->lower[0])
      continue; /* most words differ at once: no strlen */
    size_t l = strlen(list[i]);
    if (l == t->len && memcmp(list[i], t->lower, l) == 0)
      return 1;
  }
  return 0;
}

static int is_word(const dyad__token *t, const char *w) {
  size_t l = strlen(w);
  return t->len == l && memcmp(t->lower, w, l) == 0;
}

static int is_char(const dyad__token *t, char c) {
  return t->len == 1 && t->s[0] == c;
}

/* A reporting verb, in lower case (the United States, Notes). */
static int is_rverb(const dyad__token *t) {
  return !(t->flags & (DYAD__TF_CAP | DYAD__TF_ALLCAP)) && in_list(t, rverbs);
}

/* An adverb that may stand between a speaker and the verb (also, later,
 * reportedly). */
static int is_adverb(const dyad__token *t) {
  if (t->flags & (DYAD__TF_CAP | DYAD__TF_ALLCAP | DYAD__TF_PUNCT))
    return 0;
  if (is_word(t, "also") || is_word(t, "later") || is_word(t, "then") ||
      is_word(t, "further") || is_word(t, "again") || is_word(t, "once") ||
      is_word(t, "earlier") || is_word(t, "previously"))
    return 1;
  return t->len >= 5 && t->lower[t->len - 2] == 'l' &&
         t->lower[t->len - 1] == 'y';
}

/* Whether token k is the apostrophe of a plural possessive, glued to a word
 * ending in s (the leaders' spokesman). */
static int is_poss_mark(const dyad__token *toks, int k) {
  const dyad__token *t = &toks[k];
  if (k == 0 || !is_char(t, '\'') ||
      (t->flags & (DYAD__TF_SPACE_BEFORE | DYAD__TF_PARA_START)))
    return 0;
  const dyad__token *w = &toks[k - 1];
  return !(w->flags & DYAD__TF_PUNCT) && (w->lower[w->len - 1] == 's');
}

static int is_capital(const dyad__token *t) {
  return (t->flags & (DYAD__TF_CAP | DYAD__TF_ALLCAP)) != 0;
}

/* Whether token k is "and" or "&" between capitalised words, inside one
 * name or title (Economic and Fiscal Policy Minister, Kishida and
 * Stoltenberg); k - 1 and k + 1 must be tokens. */
static int is_name_and(const dyad__token *toks, int k) {
  const dyad__token *t = &toks[k];
  return (is_word(t, "and") || is_char(t, '&')) && is_capital(&toks[k - 1]) &&
         is_capital(&toks[k + 1]) && !(toks[k + 1].flags & DYAD__TF_PARA_START);
}

/* Whether token k stands where a sentence may start: the first of its
 * sentence or of the span searched, or after a word ending in '.' that the
 * splitter kept inside the sentence (the FT. But Rover told). */
static int sent_first_like(const dyad__token *toks, int k, int lo) {
  if (k <= lo || (toks[k].flags & DYAD__TF_SENT_START))
    return 1;
  const dyad__token *p = &toks[k - 1];
  return p->s[p->len - 1] == '.';
}

/* Whether token k ends a noun phrase: punctuation, a quotation mark, a
 * function word, a reporting verb.  first: k starts its sentence. */
static int np_stop(const dyad__token *t, int first) {
  if (t->flags & (DYAD__TF_PUNCT | DYAD__TF_QUOTE))
    return 1;
  if (in_list(t, stop_any) || is_rverb(t))
    return 1;
  return (!is_capital(t) || first) && in_list(t, stop_lower);
}

/* Whether tokens [a, b] hold a word that is not a determiner or connector. */
static int has_content(const dyad__token *toks, int a, int b) {
  for (int k = a; k <= b; k++)
    if (!in_list(&toks[k], determiners) && !in_list(&toks[k], connectors))
      return 1;
  return 0;
}

typedef struct span {
  int first, count;
} span;

/* Whether the span holds a capitalised word that is not a function word. */
static int has_name(const dyad__token *toks, const span *sp) {
  for (int k = sp->first; k < sp->first + sp->count; k++) {
    const dyad__token *t = &toks[k];
    if ((t->flags & (DYAD__TF_CAP | DYAD__TF_ALLCAP)) &&
        !in_list(t, determiners) && !in_list(t, stop_lower) &&
        !in_list(t, stop_any))
      return 1;
  }
  return 0;
}

/* The noun phrase ending at token e, not before token lo. */
static int np_back(const dyad__token *toks, int e, int lo, span *sp) {
  if (e < lo)
    return 0;
  if (in_list(&toks[e], pronouns)) {
    sp->first = e;
    sp->count = 1;
    return 1;
  }
  int first = e + 1;
  for (int k = e; k >= lo && e - k < DYAD__CUE_MAX; k--) {
    const dyad__token *t = &toks[k];
    if (k > lo && (is_poss_mark(toks, k) || (k < e && is_name_and(toks, k)))) {
      first = k;
      continue;
    }
    if (np_stop(t, sent_first_like(toks, k, lo)) || in_list(t, pronouns))
      break;
    first = k;
    if (in_list(t, determiners))
      break;
  }
  while (first <= e &&
         (in_list(&toks[first], connectors) || is_char(&toks[first], '\'')))
    first++;
  if (first > e || !has_content(toks, first, e))
    return 0;
  sp->first = first;
  sp->count = e - first + 1;
  return 1;
}

/* The noun phrase starting at token b, before token hi; *next is the token
 * where it stopped. */
static int np_fwd(const dyad__token *toks, int b, int hi, span *sp, int *next) {
  if (b >= hi)
    return 0;
  if (in_list(&toks[b], pronouns)) {
    sp->first = b;
    sp->count = 1;
    *next = b + 1;
    return 1;
  }
  int k = b, det_ok = 1;
  for (; k < hi && k - b < DYAD__CUE_MAX; k++) {
    const dyad__token *t = &toks[k];
    if (k > b &&
        (is_poss_mark(toks, k) || (k + 1 < hi && is_name_and(toks, k)))) {
      det_ok = 0;
      continue;
    }
    if (np_stop(t, sent_first_like(toks, k, 0)) || in_list(t, pronouns))
      break;
    if (in_list(t, determiners) && !det_ok)
      break;
    det_ok = in_list(t, connectors);
  }
  *next = k;
  int last = k - 1;
  while (last >= b &&
         (in_list(&toks[last], connectors) ||
          in_list(&toks[last], determiners) || is_char(&toks[last], '\'')))
    last--;
  if (last < b || !has_content(toks, b, last))
    return 0;
  sp->first = b;
  sp->count = last - b + 1;
  return 1;
}

/* Index of the token holding original offset off (the last token starting
 * at or before it), or -1. */
static int tok_at(const dyad__token *toks, size_t n, uint32_t off) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (toks[mid].start <= off)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo == 0 || toks[lo - 1].end <= off)
    return -1;
  return (int)(lo - 1);
}

/* Index of the sentence holding token k. */
static size_t sent_of(const dyad__sentence *sents, size_t ns, int k) {
  size_t lo = 0, hi = ns;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (sents[mid].first <= (uint32_t)k)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo ? lo - 1 : 0;
}

static int is_dq(const dyad__token *t) { return is_char(t, '"'); }

/* Whether t closes a single- or double-quoted quote's mark kind. */
static int is_mark(const dyad__token *t, int single) {
  return single ? is_char(t, '\'') : is_dq(t);
}

/* Whether a sentence ends within 4 tokens from token k (before hi):
 * "he said.", "Biden told reporters on Monday." */
static int ends_soon(const dyad__token *toks, int k, int hi) {
  for (int m = k; m < hi && m < k + 4; m++) {
    const dyad__token *t = &toks[m];
    if (is_char(t, '.') || is_char(t, '!') || is_char(t, '?'))
      return 1;
    if (t->flags & DYAD__TF_PUNCT)
      return 0;
  }
  return 0;
}

/* Cue after the closing mark at token c: "...," X said, "...," said X.
 * After a quote that ends in a full stop the words that follow start a new
 * sentence, which is an attribution only when it ends soon after the verb
 * ("...." he said.), not a statement of its own ("...." She said new
 * mothers were entitled ...). */
static int cue_after(const dyad__token *toks, size_t n, int c, int single,
                     span *sp, int *verb) {
  int strict =
      c > 0 && (toks[c - 1].flags & DYAD__TF_PUNCT) && toks[c - 1].s[0] == '.';
  int j = c + 1;
  if ((size_t)j < n && is_char(&toks[j], ',') &&
      !(toks[j].flags & DYAD__TF_PARA_START))
    j++;
  if ((size_t)j >= n || (toks[j].flags & DYAD__TF_PARA_START))
    return 0;
  int hi = j;
  while ((size_t)hi < n && hi < j + CUE_AFTER && !is_mark(&toks[hi], single) &&
         !is_dq(&toks[hi]) &&
         (hi == j || !(toks[hi].flags & DYAD__TF_PARA_START)))
    hi++;
  int next;
  if (is_rverb(&toks[j]) && np_fwd(toks, j + 1, hi, sp, &next) &&
      (!strict || ends_soon(toks, next, hi))) {
    *verb = j;
    return 1;
  }
  if (j + 1 < hi && is_word(&toks[j], "according") &&
      is_word(&toks[j + 1], "to") && np_fwd(toks, j + 2, hi, sp, &next) &&
      (!strict || ends_soon(toks, next, hi))) {
    *verb = j;
    return 1;
  }
  if (!np_fwd(toks, j, hi, sp, &next))
    return 0;
  int k = next;
  for (int a = 0; a < 2 && k < hi && is_adverb(&toks[k]); a++)
    k++;
  if (k < hi && is_rverb(&toks[k]) && (!strict || ends_soon(toks, k + 1, hi))) {
    *verb = k;
    return 1;
  }
  if (strict)
    return 0;
  /* X, the NATO chief, said */
  if (k < hi && is_char(&toks[k], ',')) {
    for (int m = k + 1; m + 1 < hi; m++) {
      const dyad__token *t = &toks[m];
      if (is_char(t, '.') || is_char(t, '!') || is_char(t, '?'))
        break;
      if (is_char(t, ',')) {
        int v = m + 1;
        if (v < hi && is_adverb(&toks[v]))
          v++;
        if (v < hi && is_rverb(&toks[v])) {
          *verb = v;
          return 1;
        }
        break;
      }
    }
  }
  return 0;
}

/* The speaker before reporting verb k, not before token lo: the noun
 * phrase just before it (adverbs aside), or the one before an aside between
 * commas ("Lord Nicholls of Birkenhead, in his ruling, said"). */
static int subject_of(const dyad__token *toks, int k, int lo, span *sp) {
  int b = k - 1;
  for (int a = 0; a < 2 && b >= lo && is_adverb(&toks[b]); a++)
    b--;
  if (np_back(toks, b, lo, sp))
    return 1;
  if (b < lo || !is_char(&toks[b], ','))
    return 0;
  for (int m = b - 1; m > lo && b - m <= 10; m--) {
    const dyad__token *t = &toks[m];
    if (is_dq(t) || is_char(t, '.') || is_char(t, '!') || is_char(t, '?') ||
        is_rverb(t))
      return 0;
    if (is_char(t, ','))
      return np_back(toks, m - 1, lo, sp);
  }
  return 0;
}

/* Participles that report with the subject of the sentence's verb: "He
 * said ..., adding: \"...\"". */
static const char *const participles[] = {"adding", "saying", NULL};

/* Cue before the opening mark at token o, in its sentence (from token lo):
 * X said, "..." | X said of Y: "..." | X, in his ruling, said: "..." |
 * According to X, "..." | He said ..., adding: "..." |
 * X was quoted as saying: "..." | X: "...". */
static int cue_before(const dyad__token *toks, int o, int lo, span *sp,
                      int *verb) {
  for (int k = o - 1; k >= lo && o - k <= CUE_REACH; k--) {
    const dyad__token *t = &toks[k];
    /* Not past another quotation or into another clause with a subject
     * of its own: in "Biden said the talks failed, and Putin's aides called
     * it \"a disgrace\"" the words are not Biden's, while in "Hewitt said
     * the cost was high, but it was an \"increasingly high priority\"" they
     * are (a ';' before the mark is a typo for ':'). */
    if (is_dq(t) || (is_char(t, ';') && k < o - 1))
      break;
    if (k > lo && k + 1 < o && is_char(&toks[k - 1], ',') &&
        (is_word(t, "while") || is_word(t, "whereas") ||
         is_word(t, "although") ||
         ((is_word(t, "and") || is_word(t, "but")) &&
          is_capital(&toks[k + 1]))))
      break;
    if (is_rverb(t)) {
      if (subject_of(toks, k, lo, sp)) {
        *verb = k;
        return 1;
      }
      break;
    }
    if (!(t->flags & (DYAD__TF_CAP | DYAD__TF_ALLCAP)) &&
        in_list(t, participles)) {
      for (int m = lo; m < k; m++)
        if (is_rverb(&toks[m]) && subject_of(toks, m, lo, sp)) {
          *verb = m;
          return 1;
        }
      /* X was quoted as saying: "..." */
      int b = k - 3;
      if (b >= lo && is_word(&toks[k - 1], "as") &&
          is_word(&toks[k - 2], "quoted")) {
        if (is_word(&toks[b], "been"))
          b--;
        if (b >= lo && (is_word(&toks[b], "was") || is_word(&toks[b], "is") ||
                        is_word(&toks[b], "were") || is_word(&toks[b], "has") ||
                        is_word(&toks[b], "have")))
          b--;
        if (np_back(toks, b, lo, sp)) {
          *verb = k;
          return 1;
        }
      }
      break;
    }
    int next;
    if (is_word(t, "to") && k > lo && is_word(&toks[k - 1], "according") &&
        np_fwd(toks, k + 1, o, sp, &next)) {
      *verb = k - 1;
      return 1;
    }
  }
  /* Headline: X: "..." where X is the whole of what precedes and names
   * someone (Biden: "...", not The talks ended: "..."). */
  if (o - 2 >= lo && is_char(&toks[o - 1], ':') &&
      np_back(toks, o - 2, lo, sp) && sp->first == lo && has_name(toks, sp)) {
    *verb = -1;
    return 1;
  }
  return 0;
}

/* The quote whose cue names q[k]'s speaker (k itself, or its
 * speaker_from), or -1. */
static int known(const dyad__quote *q, int k) {
  if (k < 0)
    return -1;
  return q[k].cue_first >= 0 ? k : q[k].speaker_from;
}

/* Whether quote x, which has no cue, follows quote p closely enough to
 * share its speaker: x opens its sentence, and either p's text (or p's
 * cue) ends in that sentence or the one before, or x opens its paragraph
 * and p is in the paragraph before (news gives a speaker's next paragraph
 * of quotation without naming them again). */
static int follows(const dyad__token *toks, size_t n,
                   const dyad__sentence *sents, size_t ns, const dyad__quote *p,
                   const dyad__quote *x) {
  int o = tok_at(toks, n, x->open);
  if (o < 0)
    return 0;
  size_t so = sent_of(sents, ns, o);
  if ((uint32_t)o != sents[so].first)
    return 0;
  if ((toks[o].flags & DYAD__TF_PARA_START) && p->para + 1 == x->para)
    return 1;
  uint32_t pend = p->closed ? p->close : p->end - 1;
  if (p->cue_first >= 0 && p->cue_end - 1 > pend)
    pend = p->cue_end - 1;
  int pt = tok_at(toks, n, pend);
  if (pt < 0 || pt >= o)
    return 0;
  size_t sp = sent_of(sents, ns, pt);
  return sp == so || sp + 1 == so;
}

void dyad__quotes_speakers(const dyad__token *toks, size_t n,
                           const dyad__sentence *sents, size_t ns,
                           dyad__quote *q, size_t nq) {
  if (!toks || !sents || !q || n == 0 || ns == 0 || n > (size_t)INT32_MAX)
    return;
  /* The cues; the marks' tokens are found by binary search. */
  for (size_t i = 0; i < nq; i++) {
    dyad__quote *x = &q[i];
    x->cue_start = x->cue_end = UINT32_MAX;
    x->cue_first = -1;
    x->cue_count = 0;
    x->verb = -1;
    x->speaker_from = -1;
    if (x->nested_in >= 0)
      continue;
    int o = tok_at(toks, n, x->open);
    if (o < 0)
      continue;
    int c = x->closed ? tok_at(toks, n, x->close) : -1;
    int lo = (int)sents[sent_of(sents, ns, o)].first;
    int prefer_after = 0;
    if (c > 0) {
      const dyad__token *b = &toks[c - 1];
      prefer_after = is_char(b, ',') || is_char(b, '?') || is_char(b, '!') ||
                     ((size_t)c + 1 < n && is_char(&toks[c + 1], ','));
    }
    span sp;
    int verb = -1, got = 0;
    if (c >= 0 && prefer_after)
      got = cue_after(toks, n, c, x->single, &sp, &verb);
    if (!got)
      got = cue_before(toks, o, lo, &sp, &verb);
    if (!got && c >= 0 && !prefer_after)
      got = cue_after(toks, n, c, x->single, &sp, &verb);
    if (got) {
      x->cue_first = sp.first;
      x->cue_count = sp.count;
      x->cue_start = toks[sp.first].start;
      x->cue_end = toks[sp.first + sp.count - 1].end;
      x->verb = verb;
    }
  }
  /* Continuation and succession, earliest first. */
  int prev = -1; /* the last top-level quote */
  for (size_t i = 0; i < nq; i++) {
    dyad__quote *x = &q[i];
    if (x->nested_in >= 0)
      continue;
    if (x->cue_first < 0) {
      if (x->continues >= 0 && (size_t)x->continues < i) {
        x->speaker_from = known(q, x->continues);
      } else if (prev >= 0 && known(q, prev) >= 0 &&
                 follows(toks, n, sents, ns, &q[prev], x)) {
        x->speaker_from = known(q, prev);
      }
    }
    prev = (int)i;
  }
  /* A quote whose attribution comes only with its last piece: the later
   * piece's cue names the earlier pieces. */
  for (size_t i = nq; i-- > 0;) {
    int p = q[i].continues;
    if (p >= 0 && (size_t)p < i && q[p].cue_first < 0 && q[p].speaker_from < 0)
      q[p].speaker_from = known(q, (int)i);
  }
}

/* ---- reported statements ------------------------------------------------- */

size_t dyad__reported_find(const dyad__token *toks, size_t n,
                           const dyad__sentence *sents, size_t ns,
                           dyad__reported *out, size_t max) {
  size_t w = 0;
  if (!toks || !sents || !out || n > (size_t)INT32_MAX)
    return 0;
  for (size_t si = 0; si < ns && w < max; si++) {
    int f = (int)sents[si].first, e = f + (int)sents[si].count; /* [f, e) */
    if (sents[si].count == 0 || (size_t)e > n)
      continue;
    int dq = 0, k = -1;
    for (int j = f; j < e; j++) {
      dq |= is_dq(&toks[j]);
      if (k < 0 && j + 1 < e && is_word(&toks[j], "according") &&
          is_word(&toks[j + 1], "to"))
        k = j;
    }
    if (dq || k < 0)
      continue;
    int last = e - 1; /* the statement's last token, without the full stop */
    while (last >= f &&
           (is_char(&toks[last], '.') || is_char(&toks[last], '!') ||
            is_char(&toks[last], '?')))
      last--;
    span sp;
    int next, a, b;
    if (k == f) { /* According to X, S. */
      if (!np_fwd(toks, k + 2, e, &sp, &next) || next >= e ||
          !is_char(&toks[next], ','))
        continue;
      a = next + 1;
      b = last;
      /* According to the WSJ, which cites ..., S. */
      if (a < e && (is_word(&toks[a], "which") || is_word(&toks[a], "who"))) {
        while (a < e && !is_char(&toks[a], ','))
          a++;
        a++;
      }
    } else if (k - 1 > f &&
               is_char(&toks[k - 1], ',')) { /* S, according to X. */
      if (!np_fwd(toks, k + 2, e, &sp, &next) || next <= last)
        continue;
      a = f;
      b = k - 2;
    } else {
      continue;
    }
    if (a > b)
      continue;
    dyad__reported *r = &out[w++];
    r->start = toks[a].start;
    r->end = toks[b].end;
    r->cue_first = sp.first;
    r->cue_count = sp.count;
    r->cue_start = toks[sp.first].start;
    r->cue_end = toks[sp.first + sp.count - 1].end;
    r->sent = (uint32_t)si;
  }
  return w;
}
