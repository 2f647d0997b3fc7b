/* coder.c -- from tagged, parsed sentences to CAMEO events.
 *
 * For each sentence: find dictionary phrases (longest match, case rules),
 * give each noun phrase an actor (people with dated codes, organisations,
 * country + role, possessors, "prime minister of Japan"), resolve anaphors
 * against the document so far ("he", "they", "the two sides", "the
 * statement"), then match each verb group's verb patterns and make one
 * event per (source, target) pair.  Reported speech ("X said Y attacked Z",
 * "X: headline") codes the embedded event and the speaker's statement.
 */
#include "code.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../dict/compat.h"
#include "../parse/parse.h"
#include "../tag/lemma.h"
#include "../tag/tagset.h"
#include "../util/mem.h"

#define MAX_GROUP 8       /* actors in one coordination */
#define MAX_SKIP 8        /* words skipped before a literal word */
#define MAX_SLOT_SKIP 3   /* words skipped before the target phrase */
#define MAX_MORE 3        /* further codes of one peer actor entry */

/* ===== Actors ===== */

typedef enum act_kind {
  A_NONE,
  A_REAL,      /* has a code */
  A_ROLE,      /* a role without a country: "the prime minister" */
  A_PRON_SING, /* he, she, him, her */
  A_PRON_PLUR, /* they, them; "the two sides" */
  A_STATEMENT, /* "the statement" */
  A_PRON_IT,   /* it (a country or organisation) */
  A_PRON_WE    /* we, us, I, me: the speaker, inside reported speech */
} act_kind;

typedef struct act {
  uint8_t kind;
  uint8_t is_person;
  char country[4];
  char role[16];    /* GOV, or a peer's agent code (GOVFRM, NGO~) */
  const char *code; /* arena or dictionary string */
  const char *name;
  uint32_t first, last; /* tokens naming it */
  uint32_t ana_first, ana_last; /* the anaphor it was resolved from */
  uint8_t resolved;
  uint8_t counterpart; /* "his Chinese counterpart": takes the other's role */
  uint8_t definite;    /* a role phrase with "the": may name someone known */
  uint8_t from_adj;    /* the country came from an adjective ("Israeli") */
  uint8_t agent;       /* may be a subject: the head names the actor, or
                          is a plural ("Russian missiles"), not a thing
                          ("EU cooperation", "Argentina's crisis") */
  uint8_t countries;   /* an anaphor naming countries ("both countries") */
  uint8_t n_more;      /* a peer's entry with several codes ("ELR/GAL"):
                          the others, each an actor of its own */
  const char *more[MAX_MORE];
} act;

typedef struct actset {
  act a[MAX_GROUP];
  int n;
} actset;

typedef struct coref {
  act person;      /* the last person mentioned */
  act prev_person; /* the one before, another person */
  int have_person, have_prev;
  act subj_person; /* the last single subject that is a person or office */
  int have_subj_person;
  act subj_thing;  /* the last single subject that is a country or body */
  int have_subj_thing;
  actset group;    /* the last subject naming several actors */
  actset subject;  /* the last subject */
} coref;

/* Bits of the sentence's word filter (a power of two). */
#define WORD_BITS 1024u

typedef struct sentctx {
  const dyad_engine *e;
  dyad_doc *doc;
  dyad__arena *scratch; /* this sentence's working memory, reset after it */
  const dyad__sentence *s;
  dyad__parse parse;
  int32_t *mention_of; /* per token of the sentence: first entry, or -1 */
  uint8_t *mention_len; /* per token: words in the mention starting here */
  uint8_t *force;
  int32_t *chunk_of; /* per token: chunk index */
  act *np_act;       /* per chunk (NPs only) */
  uint16_t *vg_events; /* per chunk: events its verb group made */
  int intent;        /* coding an intended act ("decided to cooperate") */
  coref *cr;
  const actset *speaker; /* while coding reported speech: who speaks */
  dyad__buf *vt;         /* with tracing: the verb groups' JSON, or NULL */
  int vt_n;              /* verb groups written to vt */
  int vt_tried;          /* patterns listed for the current verb group */
  int vt_matched;        /* the current verb group matched a pattern */
  int discard;           /* a discard phrase (sport, ...) is present */
  size_t sent_events;    /* doc->n_events when the sentence began */
  actset last_target;    /* targets of the last coded verb group */
  long last_target_vg;   /* its chunk, or -1 */
  uint8_t *suppressed;   /* per chunk: a verb group not to code */
  uint8_t *gone;         /* per chunk: in a clause TABARI deleted (from its
                            opening comma), or NULL */
  int pat_matched;       /* a pattern of the current verb matched */
  uint8_t sub_pat;       /* the pattern being coded has TABARI's
                            subordinate code ("SAID [023?]") */
  int n_sub_ev;          /* events of such patterns in the sentence */
  size_t sub_ev[16];     /* their indices in doc->events */
  uint8_t *vg_sub;       /* per chunk: its events are all subordinate */
  uint8_t dom_pat;       /* the pattern being coded has TABARI's dominant
                            code ("ATTEND [031!]") */
  int n_dom_ev;          /* events of such patterns in the sentence */
  size_t dom_ev[16];     /* their indices in doc->events */
  uint64_t words[WORD_BITS / 64]; /* word_bit of every lemma and lower-case
                                     word of the sentence (sentence_words) */
} sentctx;

static const dyad_dict *D(const sentctx *c) { return c->e->dict; }

/* Reading as the peers do (DYAD_OPT_PEER)? */
static int peer(const sentctx *c) {
  return (c->e->opts.flags & DYAD_OPT_PEER) != 0;
}

/* Reading as PETRARCH does (peer mode with its dictionaries loaded)? */
static int petrarch(const sentctx *c) {
  return peer(c) && (D(c)->peer_format & DYAD__PEER_PETRARCH);
}

static const dyad__token *tok(const sentctx *c, uint32_t i) {
  return &c->doc->toks[i];
}

/* Is s (n bytes) one of the endings TABARI adds to a verb written with a
 * final '_' (DEPART_: departs, departed, departes, departen, departing)? */
static int regular_ending(const char *s, size_t n) {
  static const char *const end[] = {"s", "es", "ed", "d", "en", "ing", NULL};
  for (int i = 0; end[i]; i++)
    if (strlen(end[i]) == n && !memcmp(s, end[i], n))
      return 1;
  return 0;
}

/* The verb record of token t.  Read as the peers do, a verb word of
 * theirs is a stem ("RESTOR" matches "restore", "restored"): when the
 * lemma names no verb, the longest prefix of the word (three letters at
 * least) that does.  A form PETRARCH lists as a verb of its own ("LEFT
 * [032:033]" beside "LEAVE [012]") is that verb. */
/* Is t a word TABARI's verb v written with '=' (BAN=) takes: the verb
 * itself, or another verb line sharing its lemma (BANNED), never an
 * ending ("baning", "bans")? */
static int bare_verb_form(const sentctx *c, const dyad__verb *v,
                          const dyad__token *t) {
  if (strlen(v->lemma) == t->len && !memcmp(v->lemma, t->lower, t->len))
    return 1;
  for (uint32_t k = 0; k < v->n_patterns; k++) {
    const char *w = D(c)->patterns[v->patterns[k]].text;
    if (w && strcspn(w, " ") == t->len && !memcmp(w, t->lower, t->len))
      return 1;
  }
  return 0;
}

static const dyad__verb *verb_of_tok(const sentctx *c, const dyad__token *t) {
  const dyad__verb *v = NULL;
  if (peer(c) && (t->len != t->lemma_len ||
                  memcmp(t->lower, t->lemma, t->len) != 0))
    v = dyad__dict_verb(D(c), t->lower, t->len);
  if (!v)
    v = dyad__dict_verb(D(c), t->lemma, t->lemma_len);
  if (v && peer(c) && v->exact == 2 && !bare_verb_form(c, v, t))
    return NULL;
  if (v || !peer(c))
    return v;
  for (uint32_t n = t->len; n-- > 3;) {
    v = dyad__dict_verb(D(c), t->lower, n);
    if (v && v->exact == 2)
      continue;
    if (v && (!v->exact || regular_ending(t->lower + n, t->len - n)))
      return v;
    if (n + 1 < t->len) {
      /* A verb ending in 'e' loses it: "deploring" for DEPLORE_. */
      char buf[64];
      if (n + 1 < sizeof buf) {
        memcpy(buf, t->lower, n);
        buf[n] = 'e';
        v = dyad__dict_verb(D(c), buf, n + 1);
        if (v && v->exact == 1 && regular_ending(t->lower + n, t->len - n))
          return v;
      }
    }
  }
  return NULL;
}

/* ===== Dictionary phrases ===== */

/* Does the text word satisfy the dictionary's case rule?  A capitalised
 * dictionary word needs a capitalised word; an all-capitals one (WHO, US)
 * needs all capitals, so "Who" at a sentence start is not the WHO. */
static int case_ok(const dyad__token *t, int must_cap, int must_up) {
  if (must_up)
    return (t->flags & DYAD__TF_ALLCAP) != 0;
  return !must_cap || (t->flags & (DYAD__TF_CAP | DYAD__TF_ALLCAP));
}

static int entry_case_ok(const sentctx *c, const dyad__entry *en,
                         uint32_t i);

static int entry_case_ok(const sentctx *c, const dyad__entry *en,
                         uint32_t i) {
  for (uint32_t w = 0; w < en->nwords && w < 32; w++)
    if (!case_ok(tok(c, i + w), (en->capmask >> w) & 1,
                 (en->upmask >> w) & 1))
      return 0;
  return 1;
}

/* The entry chain at key whose case rules all match the tokens from i. */
static int32_t entries_matching(const sentctx *c, int32_t e, uint32_t i) {
  const dyad_dict *d = D(c);
  for (int32_t x = e; x >= 0; x = d->entries[x].next) {
    if (entry_case_ok(c, &d->entries[x], i))
      return x;
  }
  return -1;
}

/* TABARI: a phrase written with a final '_' (LIBYA_, ITHILEN_GOVERNMENT_
 * RADIO_) whose last word, the key's end, carries a regular noun ending
 * ("Libyas", "radios"): its first entry, or -1. */
static int32_t phrase_with_ending(const sentctx *c, const char *key,
                                  size_t klen, size_t wlen, uint32_t i) {
  static const char *const end[] = {"s", "es", NULL};
  for (int k = 0; end[k]; k++) {
    size_t n = strlen(end[k]);
    if (wlen <= n + 1 || memcmp(key + klen - n, end[k], n) != 0)
      continue;
    int32_t v = dyad__dict_phrase(D(c), key, klen - n);
    if (v < 0)
      continue;
    for (int32_t x = v; x >= 0; x = D(c)->entries[x].next)
      if (D(c)->entries[x].endings && entry_case_ok(c, &D(c)->entries[x], i))
        return v;
  }
  return -1;
}

/* TABARI's phrases written with blanks ("ITHILEN TELEVISION", "PRINCE
 * DOL_AMROTH"): where the dictionary keys a blank as '|', any words but a
 * comma may stand between the two words in the text ("Ithilen state-run
 * television", "the Prince of Dol_Amroth").  Searches from token j with
 * key[0..klen) matched so far (chars letters, gaps gaps crossed); keeps in
 * *best the first entry of the match with most letters, ending before
 * *best_end. */
static void gapped_search(const sentctx *c, uint32_t j, char *key,
                          size_t klen, size_t cap, size_t chars, int gaps,
                          int32_t *best, uint32_t *best_end,
                          size_t *best_chars) {
  uint32_t end = c->s->first + c->s->count;
  if (gaps) {
    int32_t v = dyad__dict_phrase(D(c), key, klen);
    if (v >= 0 && chars > *best_chars) {
      *best = v;
      *best_end = j;
      *best_chars = chars;
    }
  }
  uint32_t q = j;
  if (q + 1 < end && tok(c, q)->len == 1 && tok(c, q)->lower[0] == '_')
    q++; /* "Dol_Amroth" read as two words */
  if (q >= end || klen + 1 >= cap)
    return;
  key[klen] = ' ';
  if (dyad__dict_phrase(D(c), key, klen + 1) == DYAD__PHRASE_PREFIX &&
      klen + 1 + tok(c, q)->len < cap) {
    memcpy(key + klen + 1, tok(c, q)->lower, tok(c, q)->len);
    gapped_search(c, q + 1, key, klen + 1 + tok(c, q)->len, cap,
                  chars + tok(c, q)->len, gaps, best, best_end, best_chars);
  }
  key[klen] = '|';
  if (dyad__dict_phrase(D(c), key, klen + 1) != DYAD__PHRASE_PREFIX)
    return;
  for (uint32_t g = j; g < end; g++) {
    const dyad__token *t = tok(c, g);
    if (t->tag == DYAD__T_COMMA)
      break;
    if (klen + 1 + t->len >= cap)
      break;
    memcpy(key + klen + 1, t->lower, t->len);
    key[klen] = '|';
    gapped_search(c, g + 1, key, klen + 1 + t->len, cap, chars + t->len,
                  gaps + 1, best, best_end, best_chars);
  }
}

/* TABARI reads a hyphen in the text as a blank: a word "Al-Gore" that
 * names nothing as it is written may be the phrase AL_GORE.  Sets *best
 * to the phrase's first entry and returns 1, or returns 0. */
static uint32_t hyphened_mention(const sentctx *c, uint32_t i,
                                 int32_t *best) {
  const dyad__token *t = tok(c, i);
  char key[128];
  if (t->len < 3 || t->len >= sizeof key || !memchr(t->lower + 1, '-',
                                                   t->len - 2))
    return 0;
  for (uint32_t q = 0; q < t->len; q++)
    key[q] = t->lower[q] == '-' && q > 0 && q + 1 < t->len ? ' '
                                                           : t->lower[q];
  int32_t v = dyad__dict_phrase(D(c), key, t->len);
  if (v < 0 && D(c)->n_stems)
    v = dyad__dict_stem(D(c), key, t->len);
  if (v < 0)
    return 0; /* (TABARI's phrases are lower case: no case rule) */
  *best = v;
  return 1;
}

/* Finds the longest dictionary phrase at each position, left to right;
 * phrases do not overlap. */
static int find_mentions(sentctx *c) {
  const dyad__sentence *s = c->s;
  char key[512];
  uint32_t end = s->first + s->count;
  for (uint32_t i = s->first; i < end;) {
    size_t klen = 0;
    int32_t best = -1;
    uint32_t best_n = 0;
    for (uint32_t j = i; j < end && j - i < 32; j++) {
      const dyad__token *t = tok(c, j);
      if (peer(c) && j > i && j + 1 < end && t->len == 1 && t->lower[0] == '_')
        continue; /* "Dol_Amroth" read as two words */
      if (klen + t->len + 1 >= sizeof key)
        break;
      if (j > i)
        key[klen++] = ' ';
      memcpy(key + klen, t->lower, t->len);
      if (peer(c)) {
        /* The peers write a phrase's spaces as '_', in their dictionaries
         * and in text ("Dol_Amroth"). */
        for (size_t q = klen; q < klen + t->len; q++)
          if (key[q] == '_' && q > klen && q + 1 < klen + t->len)
            key[q] = ' ';
      }
      klen += t->len;
      int32_t v = dyad__dict_phrase(D(c), key, klen);
      if (v >= 0) {
        int32_t m = entries_matching(c, v, i);
        if (m >= 0) {
          best = v;
          best_n = j - i + 1;
        }
      }
      if (peer(c) && !petrarch(c) && j - i + 1 > best_n) {
        int32_t ev = phrase_with_ending(c, key, klen, t->len, i);
        if (ev >= 0) {
          best = ev;
          best_n = j - i + 1;
        }
      }
      if (D(c)->n_stems && j - i + 1 > best_n) {
        /* A peer's stem: the longest beginning of this word that is one
         * ("argentin" in "argentine", "estonia" in "estonias"). */
        for (size_t l = t->len; l > 0; l--) {
          int32_t sv = dyad__dict_stem(D(c), key, klen - t->len + l);
          if (sv >= 0 && entries_matching(c, sv, i) >= 0) {
            best = sv;
            best_n = j - i + 1;
            break;
          }
        }
      }
      key[klen] = ' ';
      if (dyad__dict_phrase(D(c), key, klen + 1) != DYAD__PHRASE_PREFIX)
        break;
    }
    if (best < 0 && peer(c) && !petrarch(c))
      best_n = hyphened_mention(c, i, &best);
    if (peer(c) && !petrarch(c) && D(c)->n_gapped) {
      /* TABARI keeps the phrase matching the most letters. */
      size_t chars = 0;
      for (uint32_t w = 0; w < best_n; w++)
        chars += tok(c, i + w)->len;
      int32_t gb = -1;
      uint32_t gend = 0;
      size_t gchars = chars;
      const dyad__token *t0 = tok(c, i);
      if (t0->len < sizeof key) {
        memcpy(key, t0->lower, t0->len);
        gapped_search(c, i + 1, key, t0->len, sizeof key, t0->len, 0, &gb,
                      &gend, &gchars);
      }
      if (gb >= 0 && gend - i < 256) {
        best = gb;
        best_n = gend - i;
        /* A phrase whose gap holds a verb ("Durthang should be set up in
         * areas not controlled by rebel Orc forces") stands at its last
         * word: the verbs between stay verbs. */
        int verb = 0;
        for (uint32_t w = i + 1; w + 1 < gend; w++)
          verb |= DYAD__IS_VERB(tok(c, w)->tag) || tok(c, w)->tag == DYAD__T_MD;
        if (verb) {
          i = gend - 1;
          best_n = 1;
        }
      }
    }
    if (best >= 0) {
      c->mention_of[i - s->first] = best;
      c->mention_len[i - s->first] = (uint8_t)best_n;
      /* Names and role nouns stay inside their noun phrase whatever their
       * tag ("The Israeli military struck"); anaphors and judgement words
       * are left to the tagger. */
      int keep = 0;
      for (int32_t x = best; x >= 0; x = D(c)->entries[x].next) {
        int k = D(c)->entries[x].kind;
        if (k == DYAD__K_PERSON) {
          /* A peer's person whose code at this date is the discard code
           * ("ENT [### <890101] [ENT]"). */
          int in_term;
          const dyad__term *tm = dyad__person_term(
              &D(c)->people[D(c)->entries[x].value], c->doc->date_num,
              &in_term);
          if (tm && !strcmp(tm->code, "###"))
            c->discard = 1;
        }
        if (k == DYAD__K_DISCARD)
          c->discard = 1;
        else if (k != DYAD__K_ANA_PLURAL && k != DYAD__K_ANA_STATEMENT &&
                 k != DYAD__K_BLAME && k != DYAD__K_PRAISE)
          keep = 1;
      }
      for (uint32_t w = 0; w < best_n; w++)
        c->force[i - s->first + w] = (uint8_t)keep;
      i += best_n;
    } else {
      i++;
    }
  }
  return 0;
}

/* ===== Noun phrase actors ===== */

/* Copies a role code (at most 15 bytes) into an act's role field. */
static void set_role(char dst[16], const char *src) {
  size_t n = 0;
  while (n < 15 && src[n])
    n++;
  memcpy(dst, src, n);
  dst[n] = '\0';
}

/* The actor code of country a with role b: "RUS"+"MIL" = RUSMIL; a role
 * written before the country ("NGO~", a peer's agent) gives NGO+ARN. */
static const char *arena_code(sentctx *c, const char *a, const char *b) {
  size_t na = strlen(a), nb = strlen(b);
  char *p = dyad__arena_alloc(&c->doc->arena, na + nb + 1);
  if (!p)
    return NULL;
  if (nb && b[nb - 1] == '~') {
    memcpy(p, b, nb - 1);
    memcpy(p + nb - 1, a, na);
    p[na + nb - 1] = '\0';
    return p;
  }
  memcpy(p, a, na);
  memcpy(p + na, b, nb);
  p[na + nb] = '\0';
  return p;
}

/* TABARI's actor with its agent: any code takes the agent (WEST_GERMAN
 * [GMWGOV] + WORLD_GOVERNMENT_ [~WGO] -> GMWGOVWGO), except one the code
 * already ends with (a suffix, "~GOV" on USAGOV) or begins with (a prefix,
 * "NGM~" on Amnesty's NGM); "former" in the phrase makes the agent ELI
 * ("Arnor former security officials" -> ARNELI). */
static const char *tabari_agent(sentctx *c, const char *code,
                                const char *role, int former) {
  if (former)
    role = "ELI";
  size_t nc = strlen(code), nr = strlen(role);
  if (!nr)
    return code;
  if (role[nr - 1] == '~') {
    if (nc >= nr - 1 && !strncmp(code, role, nr - 1))
      return code;
  } else if (nc >= nr && !strcmp(code + nc - nr, role)) {
    return code;
  }
  return arena_code(c, code, role);
}

/* Fills country/role of an actor from its code via the dictionary. */
static void split_code(const dyad_dict *d, act *a) {
  const dyad__actor_code *ac = dyad__dict_actor(d, a->code);
  a->country[0] = a->role[0] = '\0';
  if (ac) {
    memcpy(a->country, ac->country, 4);
    set_role(a->role, ac->role);
    return;
  }
  size_t n = strlen(a->code);
  if (n >= 3 && dyad__strmap_get(&d->country_index, a->code, 3)) {
    memcpy(a->country, a->code, 3);
    a->country[3] = '\0';
    if (n > 3)
      set_role(a->role, a->code + 3);
  }
}

/* Whether the token's lower-case form is w: the first byte, then the
 * length (a token's lower-case form is len bytes, NUL-terminated), so most
 * words are told apart without a call. */
static inline int lower_is(const dyad__token *t, const char *w) {
  return t->lower[0] == w[0] && t->len == strlen(w) &&
         memcmp(t->lower, w, t->len) == 0;
}

static int is_word(const dyad__token *t, const char *const *words) {
  for (int i = 0; words[i]; i++)
    if (t->lower[0] == words[i][0] && strcmp(t->lower, words[i]) == 0)
      return 1;
  return 0;
}

/* Gives a an actor code per part of a peer's "A/B" (the first its own,
 * the others in a->more). */
static int set_codes(sentctx *c, act *a, const char *codes) {
  a->n_more = 0;
  a->code = NULL;
  const char *p = codes;
  while (*p) {
    const char *e = strchr(p, '/');
    size_t n = e ? (size_t)(e - p) : strlen(p);
    char *one = dyad__arena_strndup(&c->doc->arena, p, n);
    if (!one)
      return -1;
    if (!a->code)
      a->code = one;
    else if (a->n_more < MAX_MORE)
      a->more[a->n_more++] = one;
    p += n + (e != NULL);
  }
  split_code(D(c), a);
  return 0;
}

/* The actor named by tokens [from, to] (part of one noun phrase). */
static int analyse_span(sentctx *c, uint32_t from, uint32_t to, act *out) {
  const dyad_dict *d = D(c);
  int32_t country = -1, role = -1, actor = -1, person = -1;
  uint32_t actor_end = 0; /* the token after the last actor's phrase */
  uint32_t actor_tok = 0; /* the token it starts at */
  int several = 0;        /* TABARI: the phrase holds several actors */
  int32_t more[MAX_MORE];
  int n_more = 0;
  int plural = 0, statement = 0, from_adj = 0, former = 0, countries = 0;
  uint32_t base = c->s->first;
  memset(out, 0, sizeof *out);
  out->first = from;
  out->last = to;
  static const char *const sing[] = {"he", "she", "him", "her", "his", NULL};
  static const char *const plur[] = {"they", "them", "their", NULL};
  static const char *const we[] = {"we", "us", "i", "me", NULL};
  if (from == to && tok(c, from)->tag == DYAD__T_PRP) {
    if (is_word(tok(c, from), sing))
      out->kind = A_PRON_SING;
    else if (is_word(tok(c, from), plur))
      out->kind = A_PRON_PLUR;
    else if (!strcmp(tok(c, from)->lower, "it"))
      out->kind = A_PRON_IT;
    else if (is_word(tok(c, from), we))
      out->kind = A_PRON_WE;
    return 0;
  }
  if (from == to && tok(c, from)->tag == DYAD__T_PRPS &&
      is_word(tok(c, from), sing)) {
    out->kind = A_PRON_SING;
    return 0;
  }
  for (uint32_t i = from; i <= to; i++) {
    const dyad__token *lt = tok(c, i);
    if (lower_is(lt, "counterpart") || lower_is(lt, "counterparts"))
      out->counterpart = 1;
    if (lower_is(lt, "former") || lower_is(lt, "ex"))
      former = 1;
    if (lower_is(lt, "countries") || lower_is(lt, "nations") ||
        lower_is(lt, "states") || lower_is(lt, "governments"))
      countries = lower_is(lt, "governments") ? 0 : 1;
    int32_t m = c->mention_of[i - base];
    if (m < 0)
      continue;
    uint32_t len = c->mention_len[i - base];
    if (i + len - 1 > to)
      continue; /* a phrase running past this part */
    for (int32_t x = m; x >= 0; x = d->entries[x].next) {
      const dyad__entry *en = &d->entries[x];
      if (!entry_case_ok(c, en, i))
        continue;
      switch (en->kind) {
      case DYAD__K_NAME:
      case DYAD__K_ADJ:
      case DYAD__K_DEM:
      case DYAD__K_CAP:
        if (en->kind == DYAD__K_ADJ)
          from_adj = 1;
        if (country < 0)
          country = en->value;
        break;
      case DYAD__K_ACTOR:
        /* TABARI reads an actor right after another as part of it
         * ("Dagolath Osgiliath" -> DAG). */
        if (actor >= 0 && i == actor_end && peer(c) && !petrarch(c))
          break;
        if (actor >= 0 && i > actor_tok && peer(c) && !petrarch(c) &&
            strcmp(d->actors[actor].code, d->actors[en->value].code)) {
          /* It reads each actor of a phrase further apart, with no
           * agent ("Gondor Defense Ministers Arnor" -> GON, ARN). */
          if (n_more < MAX_MORE && actor != en->value)
            more[n_more++] = actor;
          several = 1;
          actor_end = i + len;
          actor_tok = i;
          actor = en->value;
          break;
        }
        actor_end = i + len;
        actor_tok = i;
        /* A phrase with several codes ("LORIEN [ELR/GAL]"): each. */
        if (actor >= 0 && actor != en->value && n_more < MAX_MORE &&
            en->line == d->entries[m].line)
          more[n_more++] = actor;
        else
          n_more = 0;
        actor = en->value;
        break;
      case DYAD__K_ROLE:
        role = en->value;
        break;
      case DYAD__K_PERSON:
        person = en->value;
        break;
      case DYAD__K_ANA_PLURAL:
        plural = 1;
        break;
      case DYAD__K_ANA_STATEMENT:
        statement = 1;
        break;
      case DYAD__K_DISCARD:
      case DYAD__K_BLAME:
      case DYAD__K_PRAISE:
      case DYAD__K_NULL:
        break;
      }
    }
  }
  if (person >= 0) {
    const dyad__person *p = &d->people[person];
    int in_term;
    const dyad__term *t = dyad__person_term(p, c->doc->date_num, &in_term);
    /* Out of office with the text naming another country ("West German
     * Finance Minister Gerhard Stoltenberg" in 1987), or years before any
     * office: the name is someone else's, or the person was no actor. */
    if (t && !in_term && c->doc->date_num) {
      act tmp;
      memset(&tmp, 0, sizeof tmp);
      tmp.code = t->code;
      split_code(d, &tmp);
      int32_t first_from = 0;
      for (uint32_t i = 0; i < p->n_terms; i++)
        if (p->terms[i].from &&
            (!first_from || p->terms[i].from < first_from))
          first_from = p->terms[i].from;
      int before = first_from && c->doc->date_num < first_from - 40000;
      int other = country >= 0 &&
                  strcmp(d->countries[country].code, tmp.country) != 0;
      if (before || other)
        person = -1;
    }
  }
  if (person >= 0) {
    const dyad__person *p = &d->people[person];
    int in_term;
    const dyad__term *t = dyad__person_term(p, c->doc->date_num, &in_term);
    if (t && former) {
      /* "Former Prime Minister Imran Khan": a former official is an elite
       * (CAMEO's ELI), of the country of his last office. */
      act tmp;
      memset(&tmp, 0, sizeof tmp);
      tmp.code = t->code;
      split_code(d, &tmp);
      if (tmp.country[0]) {
        out->kind = A_REAL;
        out->is_person = 1;
        out->name = p->name;
        out->code = arena_code(c, tmp.country, "ELI");
        memcpy(out->country, tmp.country, 4);
        set_role(out->role, "ELI");
        return out->code ? 0 : -1;
      }
    }
    if (t && (t->code[0] == '-' || t->code[0] == '#'))
      return 0; /* a peer's null or discard code at this date */
    if (t) {
      out->kind = A_REAL;
      out->is_person = 1;
      out->name = p->name;
      if (in_term && strchr(t->code, '/')) {
        /* A peer's several codes in one term ("A/B"). */
        if (set_codes(c, out, t->code))
          return -1;
      } else if (in_term) {
        out->code = t->code;
        split_code(d, out);
      } else {
        /* Outside every term: the country of the nearest term, no role. */
        act tmp;
        memset(&tmp, 0, sizeof tmp);
        tmp.code = t->code;
        split_code(d, &tmp);
        if (tmp.country[0]) {
          /* A title in the text gives the role ("Vice President Xi"). */
          out->code = arena_code(c, tmp.country, role >= 0 ? d->roles[role]
                                                           : "");
          memcpy(out->country, tmp.country, 4);
          if (role >= 0)
            set_role(out->role, d->roles[role]);
        } else {
          out->code = t->code;
        }
        if (!out->code)
          return -1;
      }
      return 0;
    }
  }
  if (actor >= 0) {
    const dyad__actor_code *ac = &d->actors[actor];
    out->kind = A_REAL;
    out->name = ac->name;
    if (several) {
      out->code = ac->code;
    } else if (peer(c) && !petrarch(c) && role >= 0) {
      out->code = tabari_agent(c, ac->code, d->roles[role], former);
      if (!out->code)
        return -1;
    } else if (role >= 0 && strlen(ac->code) == 3) {
      out->code = arena_code(c, ac->code, d->roles[role]);
      if (!out->code)
        return -1;
    } else {
      out->code = ac->code;
    }
    split_code(d, out);
    for (int i = n_more; i-- > 0;)
      out->more[out->n_more++] = d->actors[more[i]].code;
    return 0;
  }
  if (country >= 0) {
    out->kind = A_REAL;
    out->from_adj = (uint8_t)from_adj;
    /* "the former Pakistani prime minister": an elite, not the state. */
    const char *rc = role >= 0 ? (former ? "ELI" : d->roles[role]) : "";
    out->code = arena_code(c, d->countries[country].code, rc);
    if (role >= 0 && former) {
      memcpy(out->country, d->countries[country].code, 4);
      set_role(out->role, "ELI");
      return out->code ? 0 : -1;
    }
    if (!out->code)
      return -1;
    memcpy(out->country, d->countries[country].code, 4);
    if (role >= 0)
      set_role(out->role, d->roles[role]);
    return 0;
  }
  if (statement) {
    out->kind = A_STATEMENT;
    return 0;
  }
  if (plural) {
    out->kind = A_PRON_PLUR;
    out->countries = (uint8_t)countries;
    return 0;
  }
  if (role >= 0) {
    out->kind = A_ROLE;
    set_role(out->role, d->roles[role]);
    out->definite = !strcmp(tok(c, from)->lower, "the");
    return 0;
  }
  return 0;
}

/* TABARI's reading of "P's ... H" where both name actors: P, with H's role
 * when a role phrase starts right after the "'s". */
static int tabari_possessor(sentctx *c, const dyad__chunk *ch, const act *p,
                            const act *h, act *out) {
  *out = *p;
  uint32_t r = (uint32_t)ch->poss + 1;
  int adjacent = 0;
  int32_t m = r <= ch->last ? c->mention_of[r - c->s->first] : -1;
  for (int32_t x = m; x >= 0; x = D(c)->entries[x].next)
    if (D(c)->entries[x].kind == DYAD__K_ROLE &&
        entry_case_ok(c, &D(c)->entries[x], r))
      adjacent = 1;
  if (adjacent && h->role[0] && !p->role[0] && strlen(p->code) == 3) {
    out->code = arena_code(c, p->code, h->role);
    if (!out->code)
      return -1;
    set_role(out->role, h->role);
  }
  /* TABARI reads an actor right after the "'s" too, without a role
   * ("toward Gondor and Arnor's Elrond": ARN and ELF). */
  int named = 0; /* an actor's phrase right after the "'s" */
  for (int32_t x = m; x >= 0; x = D(c)->entries[x].next) {
    int kd = D(c)->entries[x].kind;
    if ((kd == DYAD__K_ACTOR || kd == DYAD__K_NAME || kd == DYAD__K_PERSON) &&
        entry_case_ok(c, &D(c)->entries[x], r))
      named = 1;
  }
  size_t nc = h->code ? strlen(h->code) : 0, nr = strlen(h->role);
  if (named && h->kind == A_REAL && h->code && out->n_more < MAX_MORE) {
    const char *bare = h->code;
    if (nr && nc > nr && !strcmp(h->code + nc - nr, h->role)) {
      char buf[16];
      size_t n = nc - nr < sizeof buf - 1 ? nc - nr : sizeof buf - 1;
      memcpy(buf, h->code, n);
      buf[n] = '\0';
      bare = arena_code(c, buf, "");
      if (!bare)
        return -1;
    }
    if (strcmp(bare, p->code) && strcmp(bare, out->code))
      out->more[out->n_more++] = bare;
  }
  out->is_person = 0;
  return 0;
}

/* The actor of noun phrase chunk k, with its possessor ("Russia's foreign
 * minister" -> RUSGOV; "Russia's aggression" -> RUS). */
static int analyse_np(sentctx *c, size_t k) {
  const dyad__chunk *ch = &c->parse.chunks[k];
  act *out = &c->np_act[k];
  const dyad__token *t0 = tok(c, ch->first);
  if (ch->poss < 0 && ch->first < ch->last && t0->tag == DYAD__T_PRPS) {
    /* "its forces", "their government", "his country": the owner is an
     * anaphor; the rest may name a role. */
    static const char *const sing[] = {"his", "her", NULL};
    act h;
    if (analyse_span(c, ch->first + 1, ch->last, &h))
      return -1;
    if (h.kind == A_REAL) {
      *out = h;
    } else {
      memset(out, 0, sizeof *out);
      if (!strcmp(t0->lower, "its"))
        out->kind = A_PRON_IT;
      else if (!strcmp(t0->lower, "their"))
        out->kind = A_PRON_PLUR;
      else if (is_word(t0, sing))
        out->kind = A_PRON_SING;
      if (out->kind && h.kind == A_ROLE)
        set_role(out->role, h.role);
      if (out->kind == A_NONE)
        *out = h;
    }
    out->first = ch->first;
    out->last = ch->last;
    return 0;
  }
  if (ch->poss < 0)
    return analyse_span(c, ch->first, ch->last, out);
  act p, h;
  if (analyse_span(c, ch->first, (uint32_t)ch->poss - 1, &p) ||
      analyse_span(c, (uint32_t)ch->poss + 1, ch->last, &h))
    return -1;
  const char *hrole = h.kind != A_REAL || !h.code ? NULL
                      : h.role[0]                  ? h.role
                      : strlen(h.code) == 6        ? h.code + 3
                                                   : NULL;
  if (petrarch(c) && hrole && p.kind == A_REAL && !p.role[0] &&
      strlen(p.code) == 3 && !h.is_person) {
    /* PETRARCH: the first actor of the phrase wins, with the role after
     * it ("Ithilen's minister Calimehtar" -> ITHGOV). */
    char role[16];
    set_role(role, hrole);
    *out = p;
    out->code = arena_code(c, p.code, role);
    if (!out->code)
      return -1;
    set_role(out->role, role);
  } else if (h.kind == A_REAL && p.kind == A_REAL && peer(c) &&
             !petrarch(c)) {
    /* TABARI: the first actor of the phrase wins, with the role of the
     * head only when it directly follows the "'s" ("Dagolath's first
     * Deputy Prime Minister Telemar" -> DAG). */
    if (tabari_possessor(c, ch, &p, &h, out))
      return -1;
  } else if (h.kind == A_REAL) {
    *out = h;
  } else if (h.kind == A_ROLE && p.kind == A_REAL) {
    *out = p;
    /* The peers compose any actor with an agent ("Gondor's government"
     * -> GONGOV), not only countries. */
    if ((p.country[0] || peer(c)) && !p.role[0] && strlen(p.code) == 3) {
      out->code = arena_code(c, p.code, h.role);
      if (!out->code)
        return -1;
      set_role(out->role, h.role);
    }
    out->is_person = 0;
  } else if (p.kind != A_NONE) {
    *out = p;
  } else {
    *out = h;
  }
  out->first = ch->first;
  out->last = ch->last;
  return 0;
}

/* The last index of the coordination group of NP k (k when it stands
 * alone), as the chunker noted it: a walk over a coordination ends there
 * rather than at the sentence's end, which made a long sentence's coding
 * quadratic. */
static size_t group_end(const dyad__parse *p, size_t k) {
  return p->chunks[k].group_last >= 0 ? (size_t)p->chunks[k].group_last : k;
}

/* Is token i inside a dictionary phrase of the sentence? */
static int in_mention(const sentctx *c, uint32_t i) {
  uint32_t base = c->s->first;
  for (uint32_t j = i + 1; j-- > base && i - j < 32;)
    if (c->mention_of[j - base] >= 0)
      return j + c->mention_len[j - base] > i;
  return 0;
}

/* May noun phrase k be the subject of an act?  Its head must name the
 * actor (a name, a role, a pronoun) or be a plural of things an actor
 * wields ("Russian missiles"); "EU cooperation would help" and
 * "Argentina's energy crisis forced" name no agent. */
static int is_agent(const sentctx *c, size_t k) {
  const dyad__chunk *ch = &c->parse.chunks[k];
  const dyad__token *h = tok(c, ch->head);
  if (in_mention(c, ch->head) || h->tag == DYAD__T_PRP ||
      c->np_act[k].counterpart)
    return 1;
  /* "its record", "our requirement": a thing of someone. */
  if (tok(c, ch->first)->tag == DYAD__T_PRPS && ch->first < ch->last)
    return 0;
  /* The peers take any phrase naming an actor ("Ithilen's militia"). */
  if (c->np_act[k].kind != A_REAL || peer(c))
    return 1;
  if (ch->poss >= 0 && ch->head < (uint32_t)ch->poss)
    return 1;
  /* A proper name the dictionaries lack ("Kim Jong Un") still names. */
  if (h->tag == DYAD__T_NNP || h->tag == DYAD__T_NNPS)
    return 1;
  return ch->poss < 0 && h->tag == DYAD__T_NNS;
}

/* Read as the peers do, a role before of/in/from and a coordination of
 * actors is the role of each ("the ambassadors of Arnor, Osgiliath and
 * Gondor" -> ARNGOV, OSGGOV, GONGOV), and so is every role coordinated
 * before it ("lawmakers and officials in Fornost and Gondor"): the role
 * phrases of k's coordination get one code per actor of the phrase after
 * the preposition (the first as their code, the others in `more`). */
static int distribute_role(sentctx *c, size_t k) {
  dyad__parse *p = &c->parse;
  size_t b = k + 2;
  const char *codes[MAX_MORE + 1];
  int n = 0;
  for (size_t j = b; j < p->n && j <= group_end(p, b) && n <= MAX_MORE;
       j++) {
    if (p->chunks[j].kind != DYAD__C_NP ||
        (j != b && p->chunks[j].group != (int32_t)b))
      continue;
    const act *x = &c->np_act[j];
    if (x->kind == A_REAL && !x->role[0] && strlen(x->code) == 3)
      codes[n++] = x->code;
  }
  if (n < 2)
    return 0;
  long g = p->chunks[k].group >= 0 ? p->chunks[k].group : (long)k;
  for (size_t i = (size_t)g; i <= k; i++) {
    act *a = &c->np_act[i];
    if (p->chunks[i].kind != DYAD__C_NP ||
        (i != k && p->chunks[i].group != g) || a->kind != A_ROLE)
      continue;
    char role[16];
    set_role(role, a->role);
    a->kind = A_REAL;
    a->code = arena_code(c, codes[0], role);
    if (!a->code)
      return -1;
    split_code(D(c), a);
    if (!a->role[0])
      set_role(a->role, role);
    a->n_more = 0;
    for (int m = 1; m < n; m++) {
      /* TABARI gives the role to the first actor only: "the ambassadors
       * of Arnor, Osgiliath and Gondor" are ARNGOV, OSG and GON. */
      a->more[a->n_more] =
          petrarch(c) ? arena_code(c, codes[m], role) : codes[m];
      if (!a->more[a->n_more++])
        return -1;
    }
    if (i == k)
      a->last = c->parse.chunks[group_end(p, b)].last;
  }
  return 0;
}

/* Read as PETRARCH does, the actor words before the head of the first
 * phrase of a coordination name the country of each bare role coordinated
 * with it ("Danish media and government" -> DNKMED, DNKGOV); a role with
 * its own determiner ("and the government") keeps its own reading. */
static int share_modifier(sentctx *c) {
  dyad__parse *p = &c->parse;
  for (size_t g = 0; g < p->n; g++) {
    const dyad__chunk *gc = &p->chunks[g];
    const act *a = &c->np_act[g];
    if (gc->kind != DYAD__C_NP || gc->group != (int32_t)g ||
        a->kind != A_REAL || !a->code || a->first > gc->head ||
        c->mention_of[a->first - c->s->first] < 0 ||
        a->first + c->mention_len[a->first - c->s->first] > gc->head)
      continue;
    const char *hr = NULL; /* the role the head names */
    for (int32_t x = c->mention_of[gc->head - c->s->first]; x >= 0;
         x = D(c)->entries[x].next)
      if (D(c)->entries[x].kind == DYAD__K_ROLE)
        hr = D(c)->roles[D(c)->entries[x].value];
    if (!hr)
      continue;
    size_t nc = strlen(a->code), nr = strlen(hr);
    if (nc <= nr || strcmp(a->code + nc - nr, hr) != 0)
      continue;
    char prefix[16];
    if (nc - nr >= sizeof prefix)
      continue;
    memcpy(prefix, a->code, nc - nr);
    prefix[nc - nr] = '\0';
    for (size_t i = g + 1; i <= group_end(p, g); i++) {
      if (p->chunks[i].kind != DYAD__C_NP || p->chunks[i].group != (int32_t)g)
        continue;
      act *b = &c->np_act[i];
      int t = tok(c, p->chunks[i].first)->tag;
      if (b->kind != A_ROLE || t == DYAD__T_DT || t == DYAD__T_PRPS)
        continue;
      char role[16];
      set_role(role, b->role);
      b->kind = A_REAL;
      b->code = arena_code(c, prefix, role);
      if (!b->code)
        return -1;
      split_code(D(c), b);
      if (!b->role[0])
        set_role(b->role, role);
    }
  }
  return 0;
}

/* Does "former" (or "ex") stand among tokens [from, to]? */
static int span_former(const sentctx *c, uint32_t from, uint32_t to) {
  for (uint32_t i = from; i <= to; i++)
    if (!strcmp(tok(c, i)->lower, "former") || !strcmp(tok(c, i)->lower, "ex"))
      return 1;
  return 0;
}

/* "the prime minister of Japan", "police in Nairobi": a role-only phrase
 * followed by of/in/from and a country phrase takes the country. */
static int attach_of(sentctx *c) {
  dyad__parse *p = &c->parse;
  static const char *const preps[] = {"of", "in", "from", NULL};
  for (size_t k = 0; k + 2 < p->n; k++) {
    act *a = &c->np_act[k];
    if (p->chunks[k].kind != DYAD__C_NP || p->chunks[k + 1].kind !=
        DYAD__C_PREP || p->chunks[k + 2].kind != DYAD__C_NP)
      continue;
    act *b = &c->np_act[k + 2];
    /* "representatives from eleven countries", "a bomber from the
     * Pakistani Taliban", "officials from the EU": people from a body are
     * that body. */
    if ((a->kind == A_NONE || a->kind == A_ROLE) && b->kind == A_REAL &&
        !strcmp(tok(c, p->chunks[k + 1].first)->lower, "from") &&
        !b->is_person && DYAD__IS_NOUN(tok(c, p->chunks[k].head)->tag) &&
        tok(c, p->chunks[k].head)->tag == DYAD__T_NNS) {
      uint32_t first = a->first;
      char role[16];
      set_role(role, a->role);
      int was_role = a->kind == A_ROLE;
      *a = *b;
      a->first = first;
      /* The peers compose any actor with the role ("soldiers from
       * Gondor" -> GONMIL), not only countries. */
      if (was_role && (b->country[0] || peer(c)) && !b->role[0] &&
          strlen(b->code) == 3) {
        a->code = arena_code(c, b->country[0] ? b->country : b->code, role);
        if (!a->code)
          return -1;
        set_role(a->role, role);
      }
      continue;
    }
    if (a->kind != A_ROLE ||
        !is_word(tok(c, p->chunks[k + 1].first), preps))
      continue;
    int tabari = peer(c) && !petrarch(c) && b->kind == A_REAL && b->code;
    if (!tabari && (b->kind != A_REAL || b->role[0] ||
        !(b->country[0] || (peer(c) && strlen(b->code) == 3))))
      continue;
    if (peer(c) && distribute_role(c, k))
      return -1;
    a->kind = A_REAL;
    memcpy(a->country, b->country, 4);
    if (tabari)
      a->code = tabari_agent(c, b->code, a->role,
                             span_former(c, p->chunks[k].first,
                                         p->chunks[k].last));
    else
      a->code = arena_code(c, b->country[0] ? b->country : b->code, a->role);
    if (!a->code)
      return -1;
    a->last = b->last;
  }
  return 0;
}

/* The class TABARI's actors file gives token i (DYAD__POS_*), or 0. */
static int tabari_pos(const sentctx *c, uint32_t i) {
  const dyad__token *t = tok(c, i);
  const dyad__strmap_slot *s =
      dyad__strmap_get(&D(c)->peer_pos, t->lower, t->len);
  return s ? s->value : 0;
}

/* Read as TABARI does, "and"/"or" between tokens a and b joins two phrases
 * into a compound unless both words are listed nouns or both listed
 * adjectives ("sheep and goats", "awful and evil"). */
static int tabari_joins(const sentctx *c, uint32_t a, uint32_t b) {
  int pa = tabari_pos(c, a);
  return !(pa && pa == tabari_pos(c, b));
}

/* TABARI's compounds: a phrase before the conjunction names an actor only
 * when it ends in one ("Ithilen's sheep and pigs of Gondor warned" is
 * Gondor's act, "Ithilen's awful and cool minister Calimehtar" CALGOV's),
 * and one after it names the first actor it holds, a phrase after
 * of/in/from included ("pigs of Gondor"). */
static int tabari_compounds(sentctx *c) {
  dyad__parse *p = &c->parse;
  static const char *const conj[] = {"and", "or", NULL};
  static const char *const preps[] = {"of", "in", "from", NULL};
  for (size_t k = 0; k < p->n; k++) {
    const dyad__chunk *ch = &p->chunks[k];
    if (ch->kind != DYAD__C_NP)
      continue;
    /* A conjunction inside the phrase ("awful and cool minister"). */
    for (uint32_t j = ch->first + 1; j < ch->last; j++) {
      if (!is_word(tok(c, j), conj) || !tabari_joins(c, j - 1, j + 1) ||
          in_mention(c, j - 1))
        continue;
      act r;
      uint8_t agent = c->np_act[k].agent;
      if (analyse_span(c, j + 1, ch->last, &r))
        return -1;
      r.first = ch->first;
      r.last = ch->last;
      r.agent = agent;
      c->np_act[k] = r;
      break;
    }
    /* A conjunction between phrases ("Ithilen's sheep and pigs"). */
    if (k + 2 >= p->n || p->chunks[k + 1].kind != DYAD__C_CC ||
        !is_word(tok(c, p->chunks[k + 1].first), conj) ||
        p->chunks[k + 2].kind != DYAD__C_NP ||
        !tabari_joins(c, ch->last, p->chunks[k + 2].first))
      continue;
    act *a = &c->np_act[k], *b = &c->np_act[k + 2];
    if (a->kind == A_REAL && !in_mention(c, ch->last)) {
      uint32_t first = a->first, last = a->last;
      uint8_t agent = a->agent;
      memset(a, 0, sizeof *a);
      a->first = first;
      a->last = last;
      a->agent = agent;
    }
    if (b->kind == A_NONE && k + 4 < p->n &&
        p->chunks[k + 3].kind == DYAD__C_PREP &&
        is_word(tok(c, p->chunks[k + 3].first), preps) &&
        p->chunks[k + 4].kind == DYAD__C_NP &&
        c->np_act[k + 4].kind == A_REAL) {
      uint32_t first = b->first;
      uint8_t agent = b->agent;
      *b = c->np_act[k + 4];
      b->first = first;
      b->agent = agent;
    }
  }
  return 0;
}

/* "Wang Yi, China's top diplomat,": a person named without office at the
 * date takes the role an appositive gives, when the country agrees. */
static int attach_appositives(sentctx *c) {
  dyad__parse *p = &c->parse;
  for (size_t k = 0; k + 2 < p->n; k++) {
    act *a = &c->np_act[k], *b = &c->np_act[k + 2];
    if (p->chunks[k].kind != DYAD__C_NP || p->chunks[k + 1].kind !=
        DYAD__C_COMMA || p->chunks[k + 2].kind != DYAD__C_NP)
      continue;
    if (k + 3 < p->n && p->chunks[k + 3].kind != DYAD__C_COMMA &&
        p->chunks[k + 3].kind != DYAD__C_PREP &&
        p->chunks[k + 3].kind != DYAD__C_OTHER)
      continue;
    if (a->kind != A_REAL || !a->is_person || a->role[0] || !a->country[0] ||
        b->kind != A_REAL || !b->role[0] || strcmp(a->country, b->country))
      continue;
    const char *code = arena_code(c, a->country, b->role);
    if (!code)
      return -1;
    a->code = code;
    set_role(a->role, b->role);
  }
  return 0;
}

/* ===== Anaphors and groups ===== */

static int same_actor(const act *x, const act *y) {
  return x->code && y->code && strcmp(x->code, y->code) == 0 &&
         x->name == y->name;
}

/* Adds an actor (a coded one, or a role awaiting a country) to a set; a
 * peer's actor with several codes adds one actor per code. */
static void set_add(actset *s, const act *a) {
  if (s->n >= MAX_GROUP || (a->kind != A_REAL && a->kind != A_ROLE))
    return;
  int dup = 0;
  for (int i = 0; i < s->n; i++)
    if (a->kind == A_REAL && same_actor(&s->a[i], a))
      dup = 1;
  if (!dup) {
    s->a[s->n] = *a;
    s->a[s->n++].n_more = 0;
  }
  for (int k = 0; k < a->n_more && s->n < MAX_GROUP; k++) {
    act one = *a;
    one.n_more = 0;
    one.code = a->more[k];
    one.country[0] = one.role[0] = '\0';
    if (one.code && one.code[0]) {
      size_t n = strlen(one.code);
      if (n >= 3) {
        memcpy(one.country, one.code, 3);
        one.country[3] = '\0';
      }
    }
    int seen = 0;
    for (int i = 0; i < s->n; i++)
      seen |= same_actor(&s->a[i], &one);
    if (!seen)
      s->a[s->n++] = one;
  }
}

static int in_set(const actset *s, const act *a) {
  for (int i = 0; i < s->n; i++)
    if (same_actor(&s->a[i], a))
      return 1;
  return 0;
}

/* Adds the actor an anaphor stands for.  "its forces" adds the role to
 * the owner's country (RUSMIL); "both countries" keeps only countries. */
static void add_resolved(sentctx *c, actset *out, const act *from,
                         const act *ana) {
  act one = *from;
  one.resolved = 1;
  one.ana_first = ana->first;
  one.ana_last = ana->last;
  if (one.kind == A_REAL && one.country[0] &&
      (ana->countries || (ana->role[0] && strcmp(ana->role, one.role)))) {
    const char *code = arena_code(c, one.country,
                                  ana->countries ? "" : ana->role);
    if (!code)
      return;
    one.code = code;
    if (ana->countries)
      one.role[0] = '\0';
    else
      set_role(one.role, ana->role);
    one.is_person = 0;
    one.name = NULL;
  }
  set_add(out, &one);
}

/* Read as TABARI does, a pronoun (he, it, its, they) stands for the
 * first actor named before it in the sentence, the source of its first
 * clause ("Elrond urged Bree to chill out and Gondor asked him") --
 * "they" for that actor's whole coordination.  Returns 0 when there is
 * none. */
static int peer_antecedent(sentctx *c, const act *a, actset *out) {
  const dyad__parse *p = &c->parse;
  int32_t k = c->chunk_of[a->first - c->s->first];
  for (long i = 0; i < (long)k; i++) {
    const act *b = &c->np_act[i];
    if (p->chunks[i].kind != DYAD__C_NP || b->kind != A_REAL)
      continue;
    if (a->kind != A_PRON_PLUR || p->chunks[i].group < 0) {
      add_resolved(c, out, b, a);
      return 1;
    }
    long g = p->chunks[i].group;
    for (size_t j = (size_t)g; j <= group_end(p, (size_t)g) && (long)j < (long)k;
         j++)
      if (p->chunks[j].kind == DYAD__C_NP && p->chunks[j].group == g &&
          c->np_act[j].kind == A_REAL)
        add_resolved(c, out, &c->np_act[j], a);
    return 1;
  }
  return 0;
}

/* Resolves one actor (maybe an anaphor) into set out.  subject_pos: the
 * phrase is a subject; not_these: actors the phrase cannot be (the
 * subject, for "him" in "Biden welcomed him"). */
static void resolve_into(sentctx *c, const act *a, actset *out,
                         int subject_pos, const actset *not_these) {
  const coref *cr = c->cr;
  const actset *src = NULL;
  if (peer(c) && (a->kind == A_PRON_SING || a->kind == A_PRON_IT ||
                  a->kind == A_PRON_PLUR) &&
      peer_antecedent(c, a, out))
    return;
  switch (a->kind) {
  case A_REAL:
    set_add(out, a);
    return;
  case A_ROLE:
    /* "the minister" after a named minister is that minister. */
    if (a->definite && cr->have_person && !strcmp(cr->person.role, a->role) &&
        !(not_these && in_set(not_these, &cr->person)))
      add_resolved(c, out, &cr->person, a);
    else
      set_add(out, a);
    return;
  case A_PRON_SING:
    /* A subject pronoun prefers the last subject; an object pronoun the
     * last person who is not this clause's subject. */
    if (subject_pos && cr->have_subj_person) {
      add_resolved(c, out, &cr->subj_person, a);
    } else if (cr->have_person &&
               !(not_these && in_set(not_these, &cr->person))) {
      add_resolved(c, out, &cr->person, a);
    } else if (cr->have_prev &&
               !(not_these && in_set(not_these, &cr->prev_person))) {
      add_resolved(c, out, &cr->prev_person, a);
    }
    return;
  case A_PRON_IT:
    /* In reported speech "it" is the speaker when the speaker is a country
     * or body ("China said it was ready"); elsewhere the last subject
     * that is one, or for an object the last such target. */
    if (c->speaker) {
      if (c->speaker->n == 1 && !c->speaker->a[0].is_person &&
          c->speaker->a[0].kind == A_REAL)
        add_resolved(c, out, &c->speaker->a[0], a);
    } else if (subject_pos) {
      if (cr->have_subj_thing)
        add_resolved(c, out, &cr->subj_thing, a);
    } else if (not_these && not_these->n == 1 &&
               not_these->a[0].kind == A_REAL && !not_these->a[0].is_person) {
      /* "Russia withdrew its troops": the clause's own subject. */
      add_resolved(c, out, &not_these->a[0], a);
    } else if (c->last_target_vg >= 0) {
      /* "visited Georgia and urged its government": the thing just
       * acted on in this sentence; farther back "its" is too uncertain. */
      for (int i = 0; i < c->last_target.n; i++)
        if (c->last_target.a[i].kind == A_REAL &&
            !c->last_target.a[i].is_person) {
          add_resolved(c, out, &c->last_target.a[i], a);
          break;
        }
    }
    return;
  case A_PRON_WE:
    if (c->speaker)
      for (int i = 0; i < c->speaker->n; i++)
        add_resolved(c, out, &c->speaker->a[i], a);
    return;
  case A_PRON_PLUR:
    src = cr->group.n >= 2 ? &cr->group : NULL;
    break;
  case A_STATEMENT:
    src = cr->subject.n ? &cr->subject : NULL;
    break;
  default:
    return;
  }
  if (!src)
    return;
  for (int i = 0; i < src->n; i++)
    add_resolved(c, out, &src->a[i], a);
}

/* The actors of noun phrase k and the phrases coordinated with it.
 * "Israeli and Palestinian officials": a bare country adjective shares the
 * role of the last conjunct. */
static void actors_of_np_ex(sentctx *c, long k, actset *out, int subject_pos,
                            const actset *not_these) {
  out->n = 0;
  if (k < 0)
    return;
  const dyad__parse *p = &c->parse;
  long g = p->chunks[k].group >= 0 ? p->chunks[k].group : k;
  long last = (long)group_end(p, (size_t)k);
  const act *tail = &c->np_act[last];
  for (size_t i = (size_t)g; i <= (size_t)last; i++) {
    if (p->chunks[i].kind != DYAD__C_NP ||
        ((long)i != g && p->chunks[i].group != g))
      continue;
    act a = c->np_act[i];
    const dyad__chunk *ch = &p->chunks[i];
    if (subject_pos && !a.agent)
      continue;
    if ((long)i != last && a.kind == A_REAL && a.country[0] && !a.role[0] &&
        !a.is_person && a.from_adj && ch->first == ch->last &&
        tail->role[0] && !tail->is_person && tail->from_adj) {
      const char *code = arena_code(c, a.country, tail->role);
      if (code) {
        a.code = code;
        set_role(a.role, tail->role);
      }
    }
    resolve_into(c, &a, out, subject_pos, not_these);
  }
}

static void actors_of_np(sentctx *c, long k, actset *out) {
  actors_of_np_ex(c, k, out, 0, NULL);
}


/* Updates the document's memory with the noun phrases of chunks up to k:
 * the last person named, and the one before. */
static void note_people(sentctx *c, size_t upto, size_t *done) {
  for (size_t i = *done; i < upto && i < c->parse.n; i++) {
    act *a = &c->np_act[i];
    if (c->parse.chunks[i].kind == DYAD__C_NP && a->kind == A_REAL &&
        a->is_person) {
      if (c->cr->have_person && !same_actor(&c->cr->person, a)) {
        c->cr->prev_person = c->cr->person;
        c->cr->have_prev = 1;
      }
      c->cr->person = *a;
      c->cr->have_person = 1;
    }
  }
  if (upto > *done)
    *done = upto;
}

/* Remembers a clause's subject for later anaphors. */
static void note_subject(sentctx *c, const actset *subj) {
  actset real;
  real.n = 0;
  for (int i = 0; i < subj->n; i++)
    if (subj->a[i].kind == A_REAL)
      set_add(&real, &subj->a[i]);
  if (!real.n)
    return;
  coref *cr = c->cr;
  cr->subject = real;
  if (real.n >= 2)
    cr->group = real;
  if (real.n == 1) {
    const act *a = &real.a[0];
    if (a->is_person || (a->role[0] && strcmp(a->role, "GOV") == 0 &&
                         a->country[0])) {
      cr->subj_person = *a;
      cr->have_subj_person = 1;
    }
    if (!a->is_person) {
      cr->subj_thing = *a;
      cr->have_subj_thing = 1;
    }
  }
}

/* ===== Events ===== */

static dyad_str view(const char *p, size_t n) {
  dyad_str s = {p, n};
  return s;
}

static dyad_str cview(const char *p) {
  return view(p ? p : "", p ? strlen(p) : 0);
}

/* Fills a public actor view from an internal one; short strings held in
 * the act itself are copied into the document's arena. */
static int fill_actor(sentctx *c, const act *a, dyad_actor *o) {
  const dyad__text *t = &c->doc->text;
  memset(o, 0, sizeof *o);
  if (a->kind != A_REAL)
    return 0;
  char *cc = dyad__arena_strndup(&c->doc->arena, a->country,
                                 strlen(a->country));
  char *rc = dyad__arena_strndup(&c->doc->arena, a->role, strlen(a->role));
  if (!cc || !rc)
    return -1;
  o->span.start = tok(c, a->first)->start;
  o->span.end = tok(c, a->last)->end;
  o->text = view(t->orig + o->span.start, o->span.end - o->span.start);
  o->code = cview(a->code);
  o->country = cview(cc);
  o->role = cview(rc);
  o->name = cview(a->name);
  if (a->resolved) {
    size_t s = tok(c, a->ana_first)->start, e = tok(c, a->ana_last)->end;
    o->resolved_from = view(t->orig + s, e - s);
    /* The span names the anaphor: that is where the text says it. */
    o->span.start = s;
    o->span.end = e;
  }
  return 0;
}

/* Is the verb group a supposition ("might consult", "could attack",
 * "should back")?  Such acts have not happened. */
static int is_hypothetical(const sentctx *c, const dyad__chunk *vg) {
  static const char *const w[] = {"might", "may", "could", "should", "must",
                                  "ought", NULL};
  for (uint32_t i = vg->first; i <= vg->last; i++)
    if (tok(c, i)->tag == DYAD__T_MD && is_word(tok(c, i), w))
      return 1;
  return 0;
}

static int is_future(const sentctx *c, const dyad__chunk *vg);
static int note_actors(sentctx *c);

static int push_event(sentctx *c, const act *src, const act *tgt,
                      const char *code, const dyad__chunk *vg,
                      const char *pattern, int reported) {
  dyad_doc *doc = c->doc;
  if (strcmp(src->code, tgt ? tgt->code : "") == 0)
    return 0;
  /* The peers code negation through their patterns ("DIDN'T * ..."), not
   * by dropping the act. */
  if (vg->negated && !(c->e->opts.flags & DYAD_OPT_KEEP_NEGATED) && !peer(c))
    return 0;
  int hypothetical = is_hypothetical(c, vg);
  if (hypothetical && !(c->e->opts.flags & DYAD_OPT_KEEP_HYPOTHETICAL) &&
      !peer(c))
    return 0;
  /* One event per (source, target, code) in a sentence. */
  size_t sidx = (size_t)(c->s - doc->sents);
  for (size_t i = doc->n_events; i-- > 0;) {
    dyad_event *o = &doc->events[i];
    if (o->sentence != sidx)
      break;
    if (strcmp(o->code, code) == 0 &&
        o->source.code.len == strlen(src->code) &&
        memcmp(o->source.code.ptr, src->code, o->source.code.len) == 0 &&
        o->target.code.len == (tgt ? strlen(tgt->code) : 0) &&
        (!tgt ||
         memcmp(o->target.code.ptr, tgt->code, o->target.code.len) == 0))
      return 0;
  }
  if (doc->n_events == doc->cap_events) {
    /* On the heap, not the arena: a grown arena array would leave its old
     * copies behind, and a document may hold millions of events. */
    size_t nc = doc->cap_events ? doc->cap_events * 2 : 16;
    if (nc > ((size_t)1 << 26))
      return -1;
    dyad_event *ne = dyad__realloc(doc->events, nc * sizeof *ne);
    if (!ne)
      return -1;
    doc->events = ne;
    doc->cap_events = nc;
  }
  dyad_event *ev = &doc->events[doc->n_events++];
  memset(ev, 0, sizeof *ev);
  if (c->sub_pat && c->n_sub_ev < 16)
    c->sub_ev[c->n_sub_ev++] = doc->n_events - 1;
  if (c->dom_pat && c->n_dom_ev < 16)
    c->dom_ev[c->n_dom_ev++] = doc->n_events - 1;
  ev->sentence = sidx;
  snprintf(ev->code, sizeof ev->code, "%s", code);
  ev->root[0] = code[0];
  ev->root[1] = code[1];
  ev->root[2] = '\0';
  ev->quad_class = dyad_quad_class(code);
  ev->goldstein = dyad_goldstein(code);
  if (isnan(ev->goldstein))
    ev->goldstein = 0;
  if (fill_actor(c, src, &ev->source) ||
      (tgt && fill_actor(c, tgt, &ev->target)))
    return -1;
  const dyad__text *t = &doc->text;
  const dyad__token *h = tok(c, vg->head);
  ev->verb_span.start = tok(c, vg->first)->start;
  ev->verb_span.end = tok(c, vg->last)->end;
  ev->verb_text = view(t->orig + ev->verb_span.start,
                       ev->verb_span.end - ev->verb_span.start);
  ev->verb_lemma = view(h->lemma, h->lemma_len);
  ev->pattern = cview(pattern);
  ev->negated = vg->negated;
  ev->hypothetical = hypothetical;
  ev->future = is_future(c, vg);
  ev->passive = vg->passive;
  ev->reported = reported;
  ev->sentence_span.start = c->s->start;
  ev->sentence_span.end = c->s->end;
  ev->text = view(t->orig + c->s->start, c->s->end - c->s->start);
  ev->date = doc->date;
  return 0;
}

static int role_in(const char *role, const char *const *set) {
  for (int i = 0; set[i]; i++)
    if (!strcmp(role, set[i]))
      return 1;
  return 0;
}

/* May a role with no country take the country of an actor with role
 * `other` across one event? */
static int domestic_pair(const char *role, const char *other) {
  static const char *const society[] = {"OPP", "CVL", "REB", "INS", "LAB",
                                        "AGR", "EDU", "MED", "HLH", "REF",
                                        "HRI", "REL", "ENV", NULL};
  static const char *const state[] = {"GOV", "COP", "MIL", "JUD", "LEG",
                                      NULL};
  static const char *const armed[] = {"REB", "INS", "CRM", NULL};
  if ((role_in(role, society) && role_in(other, state)) ||
      (role_in(role, state) && role_in(other, society)))
    return 1;
  return (!strcmp(role, "CVL") && role_in(other, armed)) ||
         (role_in(role, armed) && !strcmp(other, "CVL"));
}

/* Completes an actor against the other side of its event: a role with no
 * country takes the other's country ("police in Nairobi fired at opposition
 * supporters" -> KENOPP), a counterpart takes the other's role ("met his
 * Chinese counterpart" -> CHNGOV).  Returns 0 when the actor stays unusable
 * (a role with nothing to lend it a country). */
static int complete_actor(sentctx *c, act *a, const act *other) {
  if (a->kind == A_ROLE && petrarch(c)) {
    /* PETRARCH codes a role with no country as "---GOV". */
    const char *code = arena_code(c, "---", a->role);
    if (!code)
      return 0;
    a->kind = A_REAL;
    a->code = code;
    memcpy(a->country, "---", 4);
    return 1;
  }
  if (a->kind == A_ROLE && peer(c))
    return 0;
  if (a->kind == A_ROLE) {
    /* Only for the domestic pairs of protest, repression and civil war: a
     * society's groups against its state ("police in Nairobi fired at
     * opposition supporters", "Congolese rebels attacked an army base"),
     * and armed groups against civilians.  "Business leaders met their
     * Japanese colleagues" are not Japanese. */
    if (!other || other->kind != A_REAL || !other->country[0] ||
        !domestic_pair(a->role, other->role))
      return 0;
    const char *code = arena_code(c, other->country, a->role);
    if (!code)
      return 0;
    a->kind = A_REAL;
    a->code = code;
    memcpy(a->country, other->country, 4);
    return 1;
  }
  if (a->counterpart && other && a->country[0] && !a->role[0] &&
      other->role[0]) {
    const char *code = arena_code(c, a->country, other->role);
    if (code) {
      a->code = code;
      set_role(a->role, other->role);
    }
  }
  return a->kind == A_REAL;
}

/* Is the verb group a statement about the future ("will visit", "would
 * attack")?  Other modals (could, may) are left as they are. */
static int is_future(const sentctx *c, const dyad__chunk *vg) {
  static const char *const w[] = {"will", "would", "'ll", "shall", "wo",
                                  NULL};
  for (uint32_t i = vg->first; i <= vg->last; i++)
    if (tok(c, i)->tag == DYAD__T_MD && is_word(tok(c, i), w))
      return 1;
  return 0;
}

/* The code of an act announced for the future: cooperation becomes an
 * expressed intent (03x), force becomes a threat (13x), as CAMEO codes
 * promises and threats. */
static const char *future_code(const char *code) {
  int root = (code[0] - '0') * 10 + (code[1] - '0');
  switch (root) {
  case 4:
    return "036";
  case 5:
    return "032";
  case 6:
    return "031";
  case 7:
    return "033";
  case 8:
    return "034";
  case 14:
  case 16:
    return "130";
  case 17:
    return "137";
  case 15:
  case 18:
  case 19:
  case 20:
    return "138";
  default:
    return code;
  }
}

/* Makes the events of one matched pattern: every source with every target,
 * or every ordered pair of a compound subject when there is no target. */
static int make_events(sentctx *c, const actset *src, const actset *tgt,
                       int pairs, const char *code, const dyad__chunk *vg,
                       const char *pattern, int reported) {
  if ((is_future(c, vg) || c->intent) && !peer(c))
    code = future_code(code);
  if (pairs && code[0] == '0' && code[1] == '1')
    return 0; /* a joint statement is not an act between its makers */
  if (pairs) {
    for (int i = 0; i < src->n; i++)
      for (int j = 0; j < src->n; j++) {
        act s1 = src->a[i], t1 = src->a[j];
        if (i == j || !complete_actor(c, &s1, &t1) ||
            !complete_actor(c, &t1, &s1))
          continue;
        if (push_event(c, &s1, &t1, code, vg, pattern, reported))
          return -1;
      }
    return 0;
  }
  for (int i = 0; i < src->n; i++) {
    if (!tgt || tgt->n == 0) {
      act s1 = src->a[i];
      /* PETRARCH codes an act without target, its target "---". */
      if (((c->e->opts.flags & DYAD_OPT_ONE_ACTOR) || petrarch(c)) &&
          complete_actor(c, &s1, NULL) &&
          push_event(c, &s1, NULL, code, vg, pattern, reported))
        return -1;
      continue;
    }
    for (int j = 0; j < tgt->n; j++) {
      act s1 = src->a[i], t1 = tgt->a[j];
      /* Complete the target first from a coded source, then the source
       * from the (maybe now coded) target. */
      int ok_t = complete_actor(c, &t1, &s1);
      int ok_s = complete_actor(c, &s1, &t1);
      if (!ok_t)
        ok_t = complete_actor(c, &t1, &s1);
      if (!ok_s || !ok_t)
        continue;
      if (push_event(c, &s1, &t1, code, vg, pattern, reported))
        return -1;
    }
  }
  return 0;
}

/* ===== Pattern matching ===== */

/* The sentence's word filter: sentctx.words holds the dyad__word_bit of
 * every lemma and lower-case word of the sentence, so a pattern literal
 * none of whose forms has its bit set is in no token, and the pattern
 * cannot match: most patterns of a verb are ruled out so, without reading
 * the sentence. */
static uint32_t word_bit(const char *s, size_t n) {
  return dyad__word_bit(s, n);
}

/* Fills c->words for the sentence. */
static void sentence_words(sentctx *c) {
  memset(c->words, 0, sizeof c->words);
  for (uint32_t i = c->s->first; i < c->s->first + c->s->count; i++) {
    const dyad__token *t = tok(c, i);
    uint32_t b = word_bit(t->lower, t->len);
    c->words[b >> 6] |= (uint64_t)1 << (b & 63);
    if (t->lemma) {
      b = word_bit(t->lemma, t->lemma_len);
      c->words[b >> 6] |= (uint64_t)1 << (b & 63);
    }
  }
}

static int has_bit(const sentctx *c, uint32_t b) {
  return (c->words[b >> 6] >> (b & 63)) & 1;
}

/* Can any token of the sentence match the literal e (token_matches)?
 * No when none of its forms has its bit set; a form that is empty answers
 * maybe. */
static int literal_may_match(const sentctx *c, const dyad__pelem *e) {
  if (!e->has_bits)
    return 1;
  return has_bit(c, e->bits[0]) || has_bit(c, e->bits[1]) ||
         has_bit(c, e->bits[2]);
}

/* A literal matches a token by lemma, or by the word as written (so
 * "killing" the noun matches the pattern word "killing"). */
static int token_matches(const dyad__token *t, const dyad__pelem *e) {
  return (t->lemma_len == e->len && memcmp(t->lemma, e->lemma, e->len) == 0) ||
         (t->len == e->len && memcmp(t->lower, e->lemma, e->len) == 0) ||
         (t->len == e->word_len && memcmp(t->lower, e->word, t->len) == 0) ||
         (t->lemma_len == e->noun_len &&
          memcmp(t->lemma, e->noun, e->noun_len) == 0);
}

/* token_matches, with TABARI's word kinds: a stem matches any word it
 * begins ("IN" matches "into"), an exact word ("IN_", "KNOWN_") only
 * itself. */
static int peer_word_matches(const dyad__token *t, const dyad__pelem *e) {
  if (e->exact)
    return t->len == e->word_len && memcmp(t->lower, e->word, t->len) == 0;
  if (e->stem && t->len >= e->word_len &&
      memcmp(t->lower, e->word, e->word_len) == 0)
    return 1;
  return token_matches(t, e);
}

/* Is token i a place where matching must stop (a new clause begins)? */
static int boundary(const sentctx *c, uint32_t i) {
  int32_t k = c->chunk_of[i - c->s->first];
  if (k < 0)
    return 0;
  int kind = c->parse.chunks[k].kind;
  return kind == DYAD__C_WH || kind == DYAD__C_SUB || kind == DYAD__C_COLON ||
         kind == DYAD__C_QUOTE || kind == DYAD__C_COMMA;
}

/* Does the noun phrase chunk k name actors, or is it "each other"? */
static int np_has_actor(const sentctx *c, size_t k) {
  long g = c->parse.chunks[k].group >= 0 ? c->parse.chunks[k].group : (long)k;
  for (size_t i = (size_t)g; i <= group_end(&c->parse, (size_t)g); i++) {
    if (c->parse.chunks[i].kind != DYAD__C_NP)
      continue;
    if ((long)i != g && c->parse.chunks[i].group != g)
      break;
    int kind = c->np_act[i].kind;
    if (kind != A_NONE)
      return 1;
  }
  return 0;
}

/* For a noun phrase naming no actor, the actor of a phrase attached to it
 * by in/of/from/near/at/inside/into/against ("a base in Poland", "the
 * killing of civilians"): its chunk, or -1. */
static long located_actor(const sentctx *c, size_t k) {
  static const char *const preps[] = {"in", "of", "from", "near", "at",
                                      "inside", "into", "against", "across",
                                      "with", "by", "around", NULL};
  /* "from" is left out: "received a loan from X" names a giver. */
  const dyad__parse *p = &c->parse;
  size_t g = group_end(p, k);
  if (g + 2 >= p->n || p->chunks[g + 1].kind != DYAD__C_PREP ||
      !is_word(tok(c, p->chunks[g + 1].first), preps) ||
      p->chunks[g + 2].kind != DYAD__C_NP)
    return -1;
  int kind = c->np_act[g + 2].kind;
  if (kind == A_REAL)
    return (long)g + 2;
  if (kind == A_NONE)
    return located_actor(c, g + 2) >= 0 ? located_actor(c, g + 2) : -1;
  return -1;
}

static int is_each_other(const sentctx *c, size_t k) {
  const dyad__chunk *ch = &c->parse.chunks[k];
  if (ch->last != ch->first + 1)
    return 0;
  const char *a = tok(c, ch->first)->lower, *b = tok(c, ch->last)->lower;
  return (!strcmp(a, "each") && !strcmp(b, "other")) ||
         (!strcmp(a, "one") && !strcmp(b, "another"));
}

/* TABARI reads "anti- Gondor" as the word "ANTI-" the text has, which
 * dyad cuts into "anti" and "-": a pattern word ending in a hyphen matches
 * the word before a detached hyphen at token q.  Returns the token the
 * word begins at, or UINT32_MAX. */
static uint32_t peer_prefix_at(const sentctx *c, uint32_t q, const char *w,
                               uint32_t wn) {
  if (!peer(c) || petrarch(c) || wn < 2 || w[wn - 1] != '-' ||
      q <= c->s->first || strcmp(tok(c, q)->lower, "-") != 0)
    return UINT32_MAX;
  const dyad__token *t = tok(c, q - 1);
  if (t->len != wn - 1 || memcmp(t->lower, w, wn - 1) != 0 ||
      t->end != tok(c, q)->start)
    return UINT32_MAX;
  return q - 1;
}

/* TABARI's '^' before the verb: from token pos leftwards, skips n actors
 * (a coordination as one), whatever words lie between.  Returns the
 * first token of the last one skipped, or UINT32_MAX. */
static uint32_t tabari_skip_left(const sentctx *c, uint32_t pos, unsigned n) {
  uint32_t base = c->s->first;
  for (; n; n--) {
    uint32_t q = pos;
    for (;;) {
      if (q == base || pos - q > MAX_SKIP)
        return UINT32_MAX;
      q--;
      if (boundary(c, q))
        return UINT32_MAX;
      int32_t ck = c->chunk_of[q - base];
      if (ck >= 0 && c->parse.chunks[ck].kind == DYAD__C_NP &&
          np_has_actor(c, (size_t)ck)) {
        long g = c->parse.chunks[ck].group >= 0 ? c->parse.chunks[ck].group
                                                : ck;
        pos = c->parse.chunks[g].first;
        break;
      }
    }
  }
  return pos;
}

/* TABARI's '^' after the verb: from token pos, skips n actors (a
 * coordination as one), whatever words lie between ("IFTAR AT ^ ^ +":
 * "at Osgiliath with the leaders of Gondor in Eriador" skips Osgiliath and
 * Gondor).  Returns the token after them, or UINT32_MAX. */
static uint32_t tabari_skip_actors(const sentctx *c, uint32_t pos,
                                   unsigned n) {
  uint32_t end = c->s->first + c->s->count;
  for (; n; n--) {
    uint32_t q = pos;
    for (;; q++) {
      if (q >= end || q - pos > MAX_SKIP || (q > pos && boundary(c, q)))
        return UINT32_MAX;
      int32_t ck = c->chunk_of[q - c->s->first];
      if (ck >= 0 && c->parse.chunks[ck].kind == DYAD__C_NP &&
          np_has_actor(c, (size_t)ck)) {
        size_t ge = group_end(&c->parse, (size_t)ck);
        pos = c->parse.chunks[ge].last + 1;
        break;
      }
    }
  }
  return pos;
}

/* Does TABARI's word w, written with its clitic ("DON'T"), match the
 * tokenizer's two tokens q-1 and q ("do" "n't"), written together? */
static int clitic_pair(const sentctx *c, uint32_t q, const char *w,
                       uint32_t wn) {
  if (q <= c->s->first || !memchr(w, '\'', wn))
    return 0;
  const dyad__token *a = tok(c, q - 1), *b = tok(c, q);
  return a->end == b->start && a->len + b->len == wn &&
         memcmp(a->lower, w, a->len) == 0 &&
         memcmp(b->lower, w + a->len, b->len) == 0;
}

/* Matches the words a peer's pattern puts before the verb, right to left
 * from the verb word vtok: a word matches a word of the text it begins (the
 * peers' words are stems), '$' and '+' the nearest noun phrase naming an
 * actor.  Sets *src and *tgt to the chunks of '$' and '+' (or -1) and
 * *anchor to the verb group holding the leftmost word matched (or -1).
 * Returns 0 when the pattern has such words and they are not all there. */
static int match_before(const sentctx *c, const dyad__pattern *p,
                        uint32_t vtok, long *src, long *tgt, long *anchor) {
  *src = *tgt = *anchor = -1;
  if (!p->n_before)
    return 1;
  uint32_t base = c->s->first;
  uint32_t pos = vtok; /* words are looked for before pos (the verb's own
                          group included: "% HAVE *") */
  for (uint8_t k = p->n_elems; k-- > 0;) {
    const dyad__pelem *e = &p->elems[k];
    if (!e->before)
      continue;
    const char *w = e->word;
    uint32_t wn = e->word_len;
    int found = 0;
    if (e->skip && (pos = tabari_skip_left(c, pos, e->skip)) == UINT32_MAX)
      return 0;
    for (uint32_t q = pos; q-- > base && pos - q <= MAX_SKIP + 4;) {
      int32_t ck = c->chunk_of[q - base];
      if (e->slot) {
        if (ck < 0 || c->parse.chunks[ck].kind != DYAD__C_NP ||
            !np_has_actor(c, (size_t)ck))
          continue;
        long g = c->parse.chunks[ck].group >= 0 ? c->parse.chunks[ck].group
                                                : ck;
        *(e->slot == '$' ? src : tgt) = g;
        pos = c->parse.chunks[g].first;
        if (!petrarch(c)) {
          /* TABARI: the words before the actor's own ("ANTI- + *": "an
           * anti- Gondor parade"). */
          uint32_t m = c->parse.chunks[ck].first;
          while (m < q && c->mention_of[m - base] < 0)
            m++;
          if (m > pos)
            pos = m;
        }
        found = 1;
        break;
      }
      const dyad__token *t = tok(c, q);
      uint32_t hq = peer_prefix_at(c, q, w, wn);
      if (hq == UINT32_MAX && peer(c) && !petrarch(c) &&
          clitic_pair(c, q, w, wn))
        hq = q - 1;
      if (hq != UINT32_MAX ||
          ((e->exact ? t->len == wn : t->len >= wn) &&
           memcmp(t->lower, w, wn) == 0)) {
        if (hq != UINT32_MAX)
          q = hq;
        pos = q;
        found = 1;
        *anchor = ck >= 0 && c->parse.chunks[ck].kind == DYAD__C_VG ? ck : -1;
        break;
      }
      if (e->joined)
        break; /* TABARI's '_': right before its neighbour or nowhere */
    }
    if (!found)
      return 0;
  }
  return 1;
}

/* Is noun phrase k a thing owned by an anaphor ("its territorial
 * dispute", "their populations")?  The peers do not resolve these, so
 * they name no target. */
static int owned_thing(const sentctx *c, size_t k) {
  const dyad__chunk *ch = &c->parse.chunks[k];
  int kind = c->np_act[k].kind;
  return ch->first < ch->last && tok(c, ch->first)->tag == DYAD__T_PRPS &&
         (kind == A_PRON_IT || kind == A_PRON_PLUR || kind == A_PRON_SING);
}

/* TABARI puts the actors "their" stands for in its place, so the owners
 * of a thing after the verb ("presented their credentials") are the
 * default target of a pattern without '+' ("- * CREDENTIALS"). */
static int tabari_owner(const sentctx *c, const dyad__pelem *e, size_t k) {
  return !petrarch(c) && e->dflt && c->np_act[k].kind == A_PRON_PLUR &&
         !strcmp(tok(c, c->parse.chunks[k].first)->lower, "their");
}

/* PETRARCH's '^': from token pos, skips n noun phrases (the rest of the
 * one pos is inside, else the next one within a few words of the
 * clause).  Returns the token after them, or UINT32_MAX when there is no
 * phrase to skip. */
static uint32_t skip_nps(const sentctx *c, uint32_t pos, unsigned n) {
  uint32_t end = c->s->first + c->s->count;
  for (; n; n--) {
    uint32_t q = pos;
    for (; q < end && q - pos <= MAX_SKIP; q++) {
      int32_t ck = c->chunk_of[q - c->s->first];
      if (q > pos && boundary(c, q))
        return UINT32_MAX;
      if (ck >= 0 && c->parse.chunks[ck].kind == DYAD__C_NP)
        break;
    }
    if (q >= end || q - pos > MAX_SKIP)
      return UINT32_MAX;
    pos = c->parse.chunks[c->chunk_of[q - c->s->first]].last + 1;
  }
  return pos;
}

/* TABARI's clauses end at conjunctions, not at "that" or "which": its
 * target may lie past one ("cast doubt that it carried out an attack by
 * Osgiliath soldiers", "daylight raids in which Arnor spokesmen said"). */
static int tabari_past_that(const sentctx *c, const dyad__pelem *e,
                            uint32_t q) {
  int32_t k = c->chunk_of[q - c->s->first];
  return peer(c) && !petrarch(c) && !e->lemma && k >= 0 &&
         (c->parse.chunks[k].kind == DYAD__C_SUB ||
          c->parse.chunks[k].kind == DYAD__C_WH);
}

/* TABARI's target is sought past a clause it deleted (between commas:
 * "brushed aside reports, rumored to originate in Mordor, that Calimehtar
 * attacked"): is token q in one? */
static int tabari_past_gone(const sentctx *c, const dyad__pelem *e,
                            uint32_t q) {
  int32_t k = c->chunk_of[q - c->s->first];
  return peer(c) && !petrarch(c) && !e->lemma && k >= 0 && c->gone &&
         c->gone[k];
}

/* Matches pattern p after the verb at token `from`.  skip_slot: the '+' is
 * the passive subject and is not looked for.  On success returns 1 and sets
 * *slot to the target chunk (or -1) and *src to the chunk a peer's '$'
 * after the verb names (or -1), found as its '+' is. */
static int new_clause(const sentctx *c, size_t i);

/* Does conjunction chunk k ("and", "but", "or") open a clause of its own,
 * its subject right after it ("and its eye-catching development are")? */
static int tabari_clause_cc(const sentctx *c, int32_t k) {
  const char *w = tok(c, c->parse.chunks[k].first)->lower;
  if (strcmp(w, "and") && strcmp(w, "but") && strcmp(w, "or"))
    return 0;
  for (size_t j = (size_t)k + 1; j < c->parse.n; j++) {
    int kind = c->parse.chunks[j].kind;
    if (kind == DYAD__C_VG)
      break;
    if (kind != DYAD__C_NP && kind != DYAD__C_OTHER)
      return 0;
  }
  return new_clause(c, (size_t)k);
}

static int match_pattern(const sentctx *c, const dyad__pattern *p,
                         uint32_t from, int skip_slot, long *slot, long *src,
                         int *each_other) {
  uint32_t end = c->s->first + c->s->count;
  uint32_t pos = from;
  /* The verb group the verb word is in: a peer's verb may be a word before
   * the group's end (TABARI's "should not require"). */
  int32_t own = peer(c) && from > c->s->first
                    ? c->chunk_of[from - 1 - c->s->first]
                    : -1;
  *slot = *src = -1;
  *each_other = 0;
  /* dyad's own reading: every literal after the verb must be found (the
   * peers' words are stems, and their callers read what a failed match
   * left in *slot). */
  if (!peer(c))
    for (uint8_t k = 0; k < p->n_elems; k++)
      if (p->elems[k].lemma && !p->elems[k].before &&
          !literal_may_match(c, &p->elems[k]))
        return 0;
  for (uint8_t k = 0; k < p->n_elems; k++) {
    const dyad__pelem *e = &p->elems[k];
    if (e->before)
      continue; /* looked for by match_before */
    if (!e->lemma && !e->slot && skip_slot)
      continue;
    if (e->skip && (pos = petrarch(c) ? skip_nps(c, pos, e->skip)
                                      : tabari_skip_actors(c, pos, e->skip)) ==
                       UINT32_MAX)
      return 0;
    if (e->dflt)
      pos = from; /* TABARI's default target: the first actor after the
                     verb, wherever the pattern's words were found */
    if (!e->lemma && own >= 0 && pos <= c->parse.chunks[own].last)
      pos = c->parse.chunks[own].last + 1; /* the rest of the verb's group */
    int found = 0, preps = 0;
    uint32_t skip = e->lemma ? MAX_SKIP : MAX_SLOT_SKIP;
    /* The peers' '+' is the next actor in the clause, whatever lies
     * between (TABARI's sparse parse). */
    int loose = peer(c) && !e->lemma;
    if (loose)
      skip = e->dflt ? UINT32_MAX : MAX_SKIP;
    for (uint32_t q = pos; q < end && q - pos <= skip; q++) {
      if (q > pos && boundary(c, q) && !tabari_past_that(c, e, q) &&
          !tabari_past_gone(c, e, q))
        break;
      int32_t ck = c->chunk_of[q - c->s->first];
      /* TABARI's clause ends at "and" opening one with its own subject
       * ("Gondor's dramatic cooperation and its eye-catching development
       * are"). */
      if (loose && !petrarch(c) && ck >= 0 &&
          c->parse.chunks[ck].kind == DYAD__C_CC && tabari_clause_cc(c, ck))
        break;
      int is_prep = (ck >= 0 && (c->parse.chunks[ck].kind == DYAD__C_PREP ||
                                 c->parse.chunks[ck].kind == DYAD__C_TO)) ||
                    tok(c, q)->tag == DYAD__T_RP;
      if (e->lemma && !petrarch(c) && ck >= 0 && c->gone && c->gone[ck])
        break; /* TABARI reads no word of a clause it deleted */
      if (e->lemma) {
        if (peer_word_matches(tok(c, q), e)) {
          pos = q + 1;
          found = 1;
          break;
        }
        if (e->joined)
          break; /* TABARI's '_': right after its neighbour or nowhere */
        /* A literal may be looked for past one preposition ("sent $400
         * million in aid to"), not two ("call for a broadening of ... on"). */
        if (is_prep && ++preps > 1)
          break;
        continue;
      }
      /* TABARI's clause ends where a conjunction joins another verb
       * ("might affirm or allow an attack by Osgiliath soldiers"). */
      if (loose && !petrarch(c) && ck >= 0 &&
          c->parse.chunks[ck].kind == DYAD__C_CC &&
          (size_t)ck + 1 < c->parse.n &&
          c->parse.chunks[ck + 1].kind == DYAD__C_VG)
        break;
      /* The target is never behind a preposition or particle the pattern
       * does not name ("back out of +" is not "back +"). */
      if (is_prep) {
        if (loose)
          continue;
        break;
      }
      if (ck >= 0 && c->parse.chunks[ck].kind == DYAD__C_NP) {
        if (c->parse.chunks[ck].first != q) {
          if (loose)
            continue;
          break;
        }
        /* TABARI's default target is not the source a '$' took. */
        if (loose && (!np_has_actor(c, (size_t)ck) ||
                      (e->dflt && ck == *src) ||
                      (owned_thing(c, (size_t)ck) &&
                       !tabari_owner(c, e, (size_t)ck)))) {
          q = c->parse.chunks[ck].last;
          continue;
        }
        const dyad__chunk *np = &c->parse.chunks[ck];
        if (is_each_other(c, (size_t)ck)) {
          *each_other = 1;
        } else if (!np_has_actor(c, (size_t)ck)) {
          /* A thing in or of a place names the place's country: "bombed a
           * theatre in the Ukrainian city of Mariupol".  Not for the acts of
           * cooperation, where the thing is what is given or received
           * ("received a loan from ..."). */
          int root = (p->code[0] - '0') * 10 + (p->code[1] - '0');
          if (root >= 3 && root <= 7)
            break;
          long pp = located_actor(c, (size_t)ck);
          if (pp < 0)
            break; /* the first noun phrase must name the target */
          ck = (int32_t)pp;
          np = &c->parse.chunks[ck];
        }
        *(e->slot == '$' ? src : slot) = ck;
        if (k + 1 < p->n_elems && p->elems[k + 1].lemma &&
            np->last > np->first &&
            token_matches(tok(c, np->last), &p->elems[k + 1])) {
          /* "took dozens of civilians hostage": the next word of the
           * pattern ended up inside the phrase. */
          pos = np->last;
        } else if (np->poss >= 0 && k + 1 < p->n_elems) {
          /* Read on inside the phrase: "welcomed Beijing's decision". */
          pos = (uint32_t)np->poss + 1;
        } else {
          size_t ge = group_end(&c->parse, (size_t)ck);
          pos = c->parse.chunks[ge].last + 1;
        }
        found = 1;
        break;
      }
      /* Read loosely, the target may lie past a verb group without a
       * modal ("abandoned efforts to stop an anti-Gondor parade", "memos
       * sent by Bree"), not past a clause of its own ("would act"). */
      if (ck >= 0 && c->parse.chunks[ck].kind == DYAD__C_VG &&
          !(loose && !c->parse.chunks[ck].modal))
        break;
    }
    if (!found)
      return 0;
  }
  return 1;
}

/* The "by" agent of a passive verb group: the noun phrase after "by". */
static long passive_agent(const sentctx *c, const dyad__chunk *vg) {
  uint32_t end = c->s->first + c->s->count;
  for (uint32_t q = vg->last + 1; q < end && q <= vg->last + 6; q++) {
    if (boundary(c, q))
      break;
    if (!strcmp(tok(c, q)->lower, "by") && q + 1 < end) {
      int32_t ck = c->chunk_of[q + 1 - c->s->first];
      if (ck >= 0 && c->parse.chunks[ck].kind == DYAD__C_NP)
        return ck;
      return -1;
    }
  }
  return -1;
}

/* A speech act found in the sentence: who spoke, and the chunks of what
 * they said. */
typedef struct speech {
  actset speaker;
  long verb;          /* chunk of the reporting verb, -1 for a headline */
  size_t from, to;    /* chunk range of the complement, [from, to) */
  size_t events_before; /* doc->n_events when the sentence began */
} speech;

/* ===== One sentence ===== */

/* ===== The explanation (DYAD_OPT_TRACE) =====
 *
 * One JSON object per sentence, on its own line, in doc->trace: tokens with
 * tags and lemmas, chunks with their actors and subjects, the dictionary
 * phrases found (with file and line), every verb group with the patterns
 * tried and why it did or did not code, the events made, and, for a
 * sentence with no event, the reason.  `dyad explain` prints it as text or
 * as it is (--json). */

static void tj_str(dyad__buf *b, const char *s, size_t n) {
  dyad__buf_puts(b, "\"");
  dyad__buf_json(b, s, n);
  dyad__buf_puts(b, "\"");
}

static void tj_cstr(dyad__buf *b, const char *s) {
  if (s)
    tj_str(b, s, strlen(s));
  else
    dyad__buf_puts(b, "null");
}

/* The original text of tokens [first, last]. */
static void tj_span_text(const sentctx *c, dyad__buf *b, uint32_t first,
                         uint32_t last) {
  size_t s = tok(c, first)->start, e = tok(c, last)->end;
  tj_str(b, c->doc->text.orig + s, e - s);
}

static const char *kind_name(int k) {
  switch (k) {
  case DYAD__K_NAME:
    return "country name";
  case DYAD__K_ADJ:
    return "country adjective";
  case DYAD__K_DEM:
    return "demonym";
  case DYAD__K_CAP:
    return "capital";
  case DYAD__K_ACTOR:
    return "actor";
  case DYAD__K_ROLE:
    return "role";
  case DYAD__K_PERSON:
    return "person";
  case DYAD__K_ANA_PLURAL:
    return "anaphor (plural)";
  case DYAD__K_ANA_STATEMENT:
    return "anaphor (statement)";
  case DYAD__K_DISCARD:
    return "discard";
  case DYAD__K_BLAME:
    return "blame word";
  case DYAD__K_PRAISE:
    return "praise word";
  }
  return "?";
}

/* What a dictionary entry names, as a code or name. */
static const char *entry_value(const dyad_dict *d, const dyad__entry *en) {
  switch (en->kind) {
  case DYAD__K_NAME:
  case DYAD__K_ADJ:
  case DYAD__K_DEM:
  case DYAD__K_CAP:
    return d->countries[en->value].code;
  case DYAD__K_ACTOR:
    return d->actors[en->value].code;
  case DYAD__K_ROLE:
    return d->roles[en->value];
  case DYAD__K_PERSON:
    return d->people[en->value].name;
  default:
    return NULL;
  }
}

static const char *const chunk_names[] = {"NP",  "VG", "PP", "TO", "CC", ",",
                                          "WH",  "SUB", ":", "Q",  "O"};

/* The first half of a sentence's explanation: text, tokens, chunks and the
 * dictionary phrases found. */
static int trace_sentence(sentctx *c) {
  dyad__buf *b = &c->doc->trace;
  const dyad__sentence *s = c->s;
  const dyad_dict *d = D(c);
  dyad__buf_printf(b, "{\"sentence\":%zu,\"span\":[%u,%u],\"headline\":%s,"
                      "\"text\":",
                   (size_t)(s - c->doc->sents), s->start, s->end,
                   s->headline ? "true" : "false");
  tj_str(b, c->doc->text.orig + s->start, s->end - s->start);
  dyad__buf_puts(b, ",\"tokens\":[");
  for (uint32_t i = s->first; i < s->first + s->count; i++) {
    const dyad__token *t = tok(c, i);
    dyad__buf_puts(b, i > s->first ? ",[" : "[");
    tj_str(b, c->doc->text.orig + t->start, t->end - t->start);
    dyad__buf_printf(b, ",\"%s\",", dyad__tag_name(t->tag));
    tj_str(b, t->lemma, t->lemma_len);
    dyad__buf_puts(b, "]");
  }
  dyad__buf_puts(b, "],\"chunks\":[");
  for (size_t k = 0; k < c->parse.n; k++) {
    const dyad__chunk *ch = &c->parse.chunks[k];
    dyad__buf_printf(b, "%s{\"kind\":\"%s\",\"text\":", k ? "," : "",
                     chunk_names[ch->kind]);
    tj_span_text(c, b, ch->first, ch->last);
    if (ch->kind == DYAD__C_NP) {
      const act *a = &c->np_act[k];
      if (a->kind == A_REAL) {
        dyad__buf_puts(b, ",\"actor\":");
        tj_cstr(b, a->code);
      } else if (a->kind == A_ROLE) {
        dyad__buf_printf(b, ",\"role\":\"%s\"", a->role);
      } else if (a->kind != A_NONE) {
        dyad__buf_puts(b, ",\"anaphor\":true");
      }
      if (ch->group >= 0)
        dyad__buf_printf(b, ",\"group\":%d", ch->group);
    }
    if (ch->kind == DYAD__C_VG) {
      dyad__buf_printf(b, ",\"subject\":%d", ch->subject);
      if (ch->negated)
        dyad__buf_puts(b, ",\"negated\":true");
      if (ch->passive)
        dyad__buf_puts(b, ",\"passive\":true");
      if (ch->infinitive)
        dyad__buf_puts(b, ",\"infinitive\":true");
      if (ch->participle)
        dyad__buf_puts(b, ",\"participle\":true");
      if (ch->relative)
        dyad__buf_puts(b, ",\"relative\":true");
      if (ch->inherit >= 0)
        dyad__buf_printf(b, ",\"shares_subject_of\":%d", ch->inherit);
    }
    dyad__buf_puts(b, "}");
  }
  dyad__buf_puts(b, "],\"phrases\":[");
  int first = 1;
  for (uint32_t i = s->first; i < s->first + s->count; i++) {
    int32_t m = c->mention_of[i - s->first];
    if (m < 0)
      continue;
    for (int32_t x = m; x >= 0; x = d->entries[x].next) {
      const dyad__entry *en = &d->entries[x];
      if (!entry_case_ok(c, en, i))
        continue;
      dyad__buf_puts(b, first ? "{\"text\":" : ",{\"text\":");
      first = 0;
      tj_span_text(c, b, i, i + en->nwords - 1);
      dyad__buf_printf(b, ",\"kind\":\"%s\",\"value\":", kind_name(en->kind));
      tj_cstr(b, entry_value(d, en));
      dyad__buf_puts(b, ",\"file\":");
      tj_cstr(b, en->file < d->n_files ? d->files[en->file] : NULL);
      dyad__buf_printf(b, ",\"line\":%u}", en->line);
    }
  }
  return dyad__buf_puts(b, "]");
}

/* Opens a verb group's explanation in c->vt. */
static void trace_vg_begin(sentctx *c, size_t k, const actset *subj) {
  dyad__buf *b = c->vt;
  const dyad__chunk *vg = &c->parse.chunks[k];
  const dyad__token *h = tok(c, vg->head);
  dyad__buf_printf(b, "%s{\"chunk\":%zu,\"verb\":", c->vt_n++ ? "," : "", k);
  tj_span_text(c, b, vg->first, vg->last);
  dyad__buf_puts(b, ",\"lemma\":");
  tj_str(b, h->lemma, h->lemma_len);
  dyad__buf_puts(b, ",\"subject\":[");
  for (int i = 0; subj && i < subj->n; i++) {
    if (i)
      dyad__buf_puts(b, ",");
    if (subj->a[i].kind == A_REAL)
      tj_cstr(b, subj->a[i].code);
    else
      dyad__buf_printf(b, "\"(%s without country)\"", subj->a[i].role);
  }
  dyad__buf_puts(b, "],\"tried\":[");
  c->vt_tried = 0;
  c->vt_matched = 0;
}

static void trace_tried(sentctx *c, const dyad__pattern *pat, int matched) {
  if (matched)
    c->pat_matched = 1;
  if (!c->vt)
    return;
  if (matched)
    c->vt_matched = 1;
  if (c->vt_tried >= 12 && !matched) {
    c->vt_tried++;
    return;
  }
  const dyad_dict *d = D(c);
  dyad__buf *b = c->vt;
  dyad__buf_puts(b, c->vt_tried++ ? ",{\"pattern\":" : "{\"pattern\":");
  tj_cstr(b, pat->text);
  dyad__buf_printf(b, ",\"code\":\"%s\",\"file\":", pat->code);
  tj_cstr(b, pat->file < d->n_files ? d->files[pat->file] : NULL);
  dyad__buf_printf(b, ",\"line\":%u,\"matched\":%s}", pat->line,
                   matched ? "true" : "false");
}

static void trace_vg_end(sentctx *c, const char *status) {
  if (!c->vt)
    return;
  dyad__buf_printf(c->vt, "],\"patterns_tried\":%d,\"status\":", c->vt_tried);
  tj_cstr(c->vt, status);
  dyad__buf_puts(c->vt, "}");
}

/* The second half: verb groups, events and, when there is none, why. */
static int trace_sentence_end(sentctx *c, size_t events_before,
                              const char *reason) {
  dyad__buf *b = &c->doc->trace;
  dyad_doc *doc = c->doc;
  dyad__buf_puts(b, ",\"verbs\":[");
  if (c->vt && c->vt->len)
    dyad__buf_add(b, c->vt->p, c->vt->len);
  dyad__buf_puts(b, "],\"events\":[");
  for (size_t e = events_before; e < doc->n_events; e++) {
    const dyad_event *ev = &doc->events[e];
    dyad__buf_puts(b, e > events_before ? ",{\"source\":" : "{\"source\":");
    tj_str(b, ev->source.code.ptr, ev->source.code.len);
    dyad__buf_puts(b, ",\"target\":");
    tj_str(b, ev->target.code.ptr, ev->target.code.len);
    dyad__buf_printf(b, ",\"code\":\"%s\",\"pattern\":", ev->code);
    tj_str(b, ev->pattern.ptr, ev->pattern.len);
    dyad__buf_puts(b, "}");
  }
  dyad__buf_puts(b, "]");
  if (doc->n_events == events_before) {
    dyad__buf_puts(b, ",\"reason\":");
    tj_cstr(b, reason);
  }
  return dyad__buf_puts(b, "}\n");
}

/* Finds the speech acts of a sentence before anything is coded, so that
 * "we" inside a quote can name its speaker: a headline "X: clause", and
 * reporting verbs ("said", "told") with what follows them or, when nothing
 * follows ('"...," he said.'), what comes before their subject. */
static int find_speech(sentctx *c, speech *sp, int max) {
  dyad__parse *p = &c->parse;
  int nsp = 0;
  size_t start = c->doc->n_events;
  if (p->n >= 3 && p->chunks[0].kind == DYAD__C_NP) {
    size_t g = group_end(p, 0);
    if (g + 1 < p->n && p->chunks[g + 1].kind == DYAD__C_COLON) {
      actors_of_np_ex(c, 0, &sp[0].speaker, 1, NULL);
      if (sp[0].speaker.n) {
        sp[0].from = g + 2;
        sp[0].to = p->n;
        sp[0].verb = -1;
        sp[0].events_before = start;
        nsp = 1;
      }
    }
  }
  for (size_t k = 0; k < p->n && nsp < max; k++) {
    const dyad__chunk *vg = &p->chunks[k];
    if (vg->kind != DYAD__C_VG || vg->infinitive || vg->participle ||
        vg->subject < 0)
      continue;
    const dyad__token *h = tok(c, vg->head);
    const dyad__verb *v = verb_of_tok(c, h);
    if (!v || !v->report)
      continue;
    speech *q = &sp[nsp];
    actors_of_np_ex(c, vg->subject, &q->speaker, 1, NULL);
    if (!q->speaker.n)
      continue;
    q->verb = (long)k;
    q->events_before = start;
    size_t after = k + 1;
    while (after < p->n && (p->chunks[after].kind == DYAD__C_OTHER ||
                            p->chunks[after].kind == DYAD__C_COMMA ||
                            p->chunks[after].kind == DYAD__C_QUOTE))
      after++;
    if (after < p->n) {
      q->from = k + 1;
      q->to = p->n;
    } else {
      q->from = 0;
      q->to = (size_t)(p->chunks[vg->subject].group >= 0
                           ? p->chunks[vg->subject].group
                           : vg->subject);
    }
    if (q->to > q->from)
      nsp++;
  }
  return nsp;
}

/* Does the coordination at chunk i join a new clause, one whose finite
 * verb has its own subject after the conjunction ("urged Bree to chill
 * out and then it requested ...")? */
static int new_clause(const sentctx *c, size_t i) {
  const dyad__parse *p = &c->parse;
  for (size_t j = i + 1; j < p->n; j++) {
    const dyad__chunk *ch = &p->chunks[j];
    if (ch->kind == DYAD__C_VG)
      return ch->finite && !ch->infinitive && ch->subject > (long)i;
    if (ch->kind == DYAD__C_COMMA || ch->kind == DYAD__C_CC ||
        ch->kind == DYAD__C_SUB)
      return 0;
  }
  return 0;
}

/* Marks the verb groups of what a request or demand asks for, so that
 * "urged China to cooperate" or "demanded that Russia withdraw" codes the
 * request and not the act requested. */
static void suppress_requested(sentctx *c, size_t k) {
  dyad__parse *p = &c->parse;
  for (size_t i = k + 1; i < p->n; i++) {
    int kind = p->chunks[i].kind;
    if (kind == DYAD__C_COMMA || kind == DYAD__C_COLON ||
        kind == DYAD__C_QUOTE)
      break;
    /* The peers code each predicate of a coordination on its own:
     * "condemned an attack ... and promised aid" codes the promise. */
    if (peer(c) && kind == DYAD__C_CC && i + 1 < p->n &&
        p->chunks[i + 1].kind == DYAD__C_VG && p->chunks[i + 1].finite &&
        !p->chunks[i + 1].infinitive && p->chunks[k].kind == DYAD__C_VG &&
        p->chunks[i + 1].subject >= 0 &&
        p->chunks[i + 1].subject == p->chunks[k].subject)
      break;
    if (peer(c) && !petrarch(c) && kind == DYAD__C_CC && new_clause(c, i))
      break;
    if (kind == DYAD__C_VG)
      c->suppressed[i] = 1;
  }
}

/* The reverse event of a paired code ("042:043 | visit +": the host
 * receives the visit): from the target to the source, with code2. */
static int make_reverse(sentctx *c, const dyad__pattern *pat,
                        const actset *from, const actset *to,
                        const dyad__chunk *vg, int reported) {
  if (!pat->code2[0] || !from->n || !to->n)
    return 0;
  return make_events(c, from, to, 0, pat->code2, vg, pat->text, reported);
}

/* Is noun phrase k the subject of a "where" clause? */
static int place_clause(const sentctx *c, long k) {
  if (k < 0)
    return 0;
  long g = c->parse.chunks[k].group >= 0 ? c->parse.chunks[k].group : k;
  return g > 0 &&
         !strcmp(tok(c, c->parse.chunks[g - 1].first)->lower, "where");
}

/* Does a noun phrase naming an actor follow the verb group in its clause? */
static int actor_follows(const sentctx *c, const dyad__chunk *vg) {
  const dyad__parse *p = &c->parse;
  size_t k = (size_t)c->chunk_of[vg->first - c->s->first] + 1;
  for (; k < p->n; k++) {
    int kind = p->chunks[k].kind;
    if (kind == DYAD__C_COMMA || kind == DYAD__C_SUB || kind == DYAD__C_WH ||
        kind == DYAD__C_COLON || kind == DYAD__C_QUOTE)
      return 0;
    if (kind == DYAD__C_NP && c->np_act[k].kind == A_REAL) {
      /* A place the act happens in does not count: "held talks in
       * Beijing". */
      static const char *const where[] = {"in", "at", "near", "on", "off",
                                          "outside", "inside", "across",
                                          "around", "along", "during",
                                          "after", "before", "since", NULL};
      if (k > 0 && p->chunks[k - 1].kind == DYAD__C_PREP &&
          is_word(tok(c, p->chunks[k - 1].first), where))
        continue;
      return 1;
    }
  }
  return 0;
}

/* A peer's pattern with the null code [---] matched: the verb codes
 * nothing.  With the discard code [###]: the sentence is discarded, its
 * events so far dropped. */
static void blocked(sentctx *c, const dyad__pattern *pat) {
  if (!pat->discard)
    return;
  c->discard = 1;
  c->doc->n_events = c->sent_events;
}

/* Is pat a verb's own code ("SAID [023]", read as "said +") that, in the
 * peer reading with acts of one actor allowed (PETRARCH's require_dyad
 * off), codes even when no target follows? */
static int one_actor_default(const sentctx *c, size_t k,
                             const dyad__pattern *pat) {
  if (!peer(c) || !(c->e->opts.flags & DYAD_OPT_ONE_ACTOR) ||
      pat->n_elems != 1 || !pat->has_slot || pat->n_before != 0 ||
      pat->block || pat->discard)
    return 0;
  /* A verb with an object that names no actor ("said today") codes
   * nothing; one followed by a preposition or the clause's end does. */
  uint32_t nx = c->parse.chunks[k].last + 1;
  if (nx >= c->s->first + c->s->count)
    return 1;
  int t = tok(c, nx)->tag;
  return t == DYAD__T_IN || t == DYAD__T_TO || t == DYAD__T_CC ||
         t == DYAD__T_COMMA || t == DYAD__T_PERIOD || t == DYAD__T_COLON;
}

/* With TABARI's dictionaries, the verb of which v, found under the word's
 * own form ("left" for LEFT_, "called" for CALLED_ON), is a form: tried
 * when none of v's patterns match.  NULL otherwise. */
static const dyad__verb *tabari_form_fallback(const sentctx *c,
                                              const dyad__verb *v,
                                              const dyad__token *t) {
  if (!v || !peer(c) || petrarch(c))
    return NULL;
  const dyad__verb *l = dyad__dict_verb(D(c), t->lemma, t->lemma_len);
  return l != v ? l : NULL;
}

/* TABARI finds a compound by its words, not by a parse: in "Mordor with
 * Fornost and Gondor welcomed" (which dyad's parse leaves uncoordinated,
 * as in "met A and B attacked C") Fornost and Gondor are the compound a
 * '%' names, and the first actor, Mordor, is the source.  From subject
 * chunk sj: fills *cmp with the compound's actors when the words before
 * sj extend it, and returns the subject chunk. */
static long tabari_subject(sentctx *c, long sj, actset *cmp) {
  const dyad__parse *p = &c->parse;
  if (p->chunks[sj].kind != DYAD__C_NP)
    return sj;
  long g = p->chunks[sj].group >= 0 ? p->chunks[sj].group : sj;
  long first = g;
  while (first >= 2 && p->chunks[first - 1].kind == DYAD__C_CC &&
         !strcmp(tok(c, p->chunks[first - 1].first)->lower, "and") &&
         p->chunks[first - 2].kind == DYAD__C_NP &&
         np_has_actor(c, (size_t)first - 2)) {
    long h = p->chunks[first - 2].group;
    first = h >= 0 ? h : first - 2;
  }
  if (first == g)
    return sj;
  for (long i = first; i <= sj; i++) {
    if (p->chunks[i].kind != DYAD__C_NP || !np_has_actor(c, (size_t)i))
      continue;
    actset one;
    actors_of_np_ex(c, i, &one, 1, NULL);
    for (int j = 0; j < one.n; j++)
      set_add(cmp, &one.a[j]);
  }
  /* The object of a preposition is no subject: read on to its left. */
  long lead = first;
  while (lead >= 2 && p->chunks[lead - 1].kind == DYAD__C_PREP &&
         p->chunks[lead - 2].kind == DYAD__C_NP) {
    long h = p->chunks[lead - 2].group;
    lead = h >= 0 ? h : lead - 2;
  }
  return lead != first && np_has_actor(c, (size_t)lead) ? lead : sj;
}

/* The events of TABARI's '%' compound: each member with each other, the
 * earlier one's act with the pattern's code, the later one's with its
 * paired code when it has one ("% * [044:045]"). */
static int tabari_pair_events(sentctx *c, const actset *set,
                              const dyad__pattern *pat,
                              const dyad__chunk *vg, int reported) {
  for (int i = 0; i < set->n; i++)
    for (int j = 0; j < set->n; j++) {
      if (i == j)
        continue;
      actset a, b;
      a.n = b.n = 1;
      a.a[0] = set->a[i];
      b.a[0] = set->a[j];
      const char *code = i > j && pat->code2[0] ? pat->code2 : pat->code;
      if (make_events(c, &a, &b, 0, code, vg, pat->text, reported))
        return -1;
    }
  return 0;
}

/* TABARI's default target of a pattern whose words all lie before the
 * verb, when no actor follows the verb: the first actor after the words
 * matched ("$ ^ FOR *": "Arnor was United Arab Emirates for Eriador
 * warning next week" warns Eriador).  Its chunk, or -1. */
static long tabari_target_before(const sentctx *c, const dyad__pattern *p,
                                 uint32_t vtok) {
  if (!peer(c) || petrarch(c) || !p->n_before)
    return -1;
  const dyad__pelem *last = NULL;
  for (uint8_t i = 0; i < p->n_elems; i++) {
    const dyad__pelem *e = &p->elems[i];
    if (e->before)
      last = e;
    else if (e->lemma || e->slot || !e->dflt)
      return -1; /* words or actors of its own after the verb */
  }
  if (!last || last->slot || !last->word)
    return -1;
  uint32_t base = c->s->first, q = vtok;
  for (;;) {
    if (q == base || vtok - q > MAX_SKIP + 4)
      return -1;
    const dyad__token *t = tok(c, --q);
    if ((last->exact ? t->len == last->word_len : t->len >= last->word_len) &&
        memcmp(t->lower, last->word, last->word_len) == 0)
      break;
  }
  int32_t own = c->chunk_of[vtok - base];
  for (uint32_t i = q + 1; i < vtok; i++) {
    int32_t ck = c->chunk_of[i - base];
    if (ck >= 0 && ck != own && c->parse.chunks[ck].kind == DYAD__C_NP &&
        np_has_actor(c, (size_t)ck))
      return ck;
  }
  return -1;
}

/* Has pat TABARI's compound '%' after the verb ("HAS * WITH %")? */
static int compound_after(const dyad__pattern *pat) {
  for (uint8_t i = 0; i < pat->n_elems; i++)
    if (!pat->elems[i].before && pat->elems[i].slot == '%')
      return 1;
  return 0;
}

/* Does pat, read as TABARI does, name an actor before the verb ("+ * FROM
 * $", "+ WAS * DEAD")?  TABARI has no passive: such a pattern says which
 * actor is which, whatever the verb's voice. */
static int tabari_names_before(const sentctx *c, const dyad__pattern *pat) {
  if (!peer(c) || petrarch(c))
    return 0;
  for (uint8_t i = 0; i < pat->n_elems; i++)
    if (pat->elems[i].before && pat->elems[i].slot)
      return 1;
  return 0;
}

/* TABARI's source when the pattern's '+' took the actor before the verb
 * and it names no '$': the first actor after verb group k in its clause
 * ("An Eriadorian was shot dead in Osgiliath").  Its chunk, or -1. */
static long tabari_source_after(const sentctx *c, size_t k) {
  const dyad__parse *p = &c->parse;
  for (size_t i = k + 1; i < p->n; i++) {
    int kind = p->chunks[i].kind;
    if (kind == DYAD__C_COMMA || kind == DYAD__C_SUB || kind == DYAD__C_WH ||
        kind == DYAD__C_COLON || kind == DYAD__C_QUOTE)
      break;
    if (kind == DYAD__C_NP && np_has_actor(c, i))
      return (long)i;
  }
  return -1;
}

/* TABARI reads words left to right and takes the first its verb
 * dictionary names as a verb of its own: in "should demand" the verb is
 * SHOULD ("SHOULD - SUGGESTED * DEMAND CONVENTIONS"), not DEMAND.  Returns that verb (v, the
 * head's, when no word before the head is one) and sets *vtok to it. */
static const dyad__verb *tabari_first_verb(const sentctx *c,
                                           const dyad__chunk *vg,
                                           const dyad__verb *v,
                                           uint32_t *vtok) {
  for (uint32_t i = vg->first; i < vg->head; i++) {
    const dyad__verb *w = verb_of_tok(c, tok(c, i));
    if (!w)
      continue;
    /* A verb of its own (SHOULD [101]), not the first word of a phrase
     * (HAS_NO_WISH is no verb in "has called"). */
    for (uint32_t pi = 0; pi < w->n_patterns; pi++)
      if (!D(c)->patterns[w->patterns[pi]].n_literals) {
        *vtok = i;
        return w;
      }
  }
  return v;
}

/* TABARI reads a clause's first actor as its source and its first
 * dictionary verb as its verb: when the verb group before the subject of
 * verb group k (across a "that") holds no verb of the dictionary ("it
 * requested that Elrond assist"), the subject of that verb group.  -1
 * otherwise. */
static long tabari_outer_subject(const sentctx *c, size_t k) {
  const dyad__parse *p = &c->parse;
  long s = p->chunks[k].subject;
  if (!peer(c) || petrarch(c) || s < 0)
    return -1;
  long j = (p->chunks[s].group >= 0 ? p->chunks[s].group : s) - 1;
  if (j >= 0 && p->chunks[j].kind == DYAD__C_SUB)
    j--;
  if (j < 0 || p->chunks[j].kind != DYAD__C_VG || !p->chunks[j].finite ||
      p->chunks[j].infinitive || p->chunks[j].subject < 0)
    return -1;
  for (uint32_t i = p->chunks[j].first; i <= p->chunks[j].last; i++)
    if (verb_of_tok(c, tok(c, i)))
      return -1;
  return p->chunks[j].subject;
}

/* Is pat TABARI's '%' compound ("WELCXME - % * [044:045]")?  TABARI's
 * patterns are given a default target unless they name one, so a pattern
 * with neither '+', '$' nor words before the verb is one.  Its members
 * act on each other whatever actor follows ("Fornost and Gondor welcxmed
 * a resumption of ties between Gondor and Osgiliath"), each with both
 * codes of a pair. */
static int tabari_compound_pattern(const sentctx *c, const dyad__pattern *pat) {
  if (!peer(c) || petrarch(c) || pat->has_slot || pat->n_before)
    return 0;
  for (uint8_t i = 0; i < pat->n_elems; i++)
    if (pat->elems[i].slot || pat->elems[i].before)
      return 0;
  return 1;
}

/* The first noun phrase naming an actor after chunk k in TABARI's clause
 * (up to a conjunction, comma or colon; "that" does not end it), or -1. */
static long tabari_next_actor(const sentctx *c, size_t k) {
  const dyad__parse *p = &c->parse;
  for (size_t i = k + 1; i < p->n; i++) {
    int kind = p->chunks[i].kind;
    if (kind == DYAD__C_CC || kind == DYAD__C_COMMA ||
        kind == DYAD__C_COLON || kind == DYAD__C_QUOTE)
      break;
    if (kind == DYAD__C_NP && np_has_actor(c, i))
      return (long)i;
  }
  return -1;
}

/* TABARI forwards a clause's source to the next clause joined by and/or
 * only when the first clause was coded: "Gondor alleged and acknowledged
 * that ... Osgiliath soldiers ... in south Ithilen", where "alleged"
 * coded nothing, has the first actor after "acknowledged" as its source
 * (and the next as its target).  For verb group k sharing the subject of
 * the verb group just before its conjunction: that source's chunk, or -1
 * when the subject stands. */
static long tabari_unshared(sentctx *c, size_t k) {
  const dyad__parse *p = &c->parse;
  const dyad__chunk *vg = &p->chunks[k];
  if (!peer(c) || petrarch(c) || vg->inherit < 0 || vg->infinitive || k < 2 ||
      p->chunks[k - 1].kind != DYAD__C_CC ||
      p->chunks[k - 2].kind != DYAD__C_VG || c->vg_events[k - 2] ||
      vg->subject < 0 || vg->subject >= (long)k - 2)
    return -1;
  return tabari_next_actor(c, k);
}

/* Codes one verb group: its patterns, most specific first. */
/* TABARI has no parse: when the subject dyad finds for verb group k names
 * no actor ("Estonia plans tos expel", "tos" read as a noun), its source
 * is the nearest phrase before it in the clause naming an actor, not the
 * object of a preposition.  Its chunk, or -1. */
static long tabari_source_before(const sentctx *c, size_t k) {
  const dyad__parse *p = &c->parse;
  for (size_t j = k; j-- > 0;) {
    int kind = p->chunks[j].kind;
    if (kind == DYAD__C_WH || kind == DYAD__C_SUB || kind == DYAD__C_COLON ||
        kind == DYAD__C_QUOTE || kind == DYAD__C_COMMA)
      return -1;
    if (kind != DYAD__C_NP || !np_has_actor(c, j))
      continue;
    long g = p->chunks[j].group >= 0 ? p->chunks[j].group : (long)j;
    if (g > 0 && p->chunks[g - 1].kind == DYAD__C_PREP)
      return -1;
    return g;
  }
  return -1;
}

/* TABARI's source is the first actor of the clause: for verb group k
 * whose subject names no actor, when no nearer phrase is one
 * (tabari_source_before: "after Ent crowds burned down", Ent is behind a
 * preposition), the first phrase naming one (not a pronoun) between the
 * clause's start (the sentence's, or an "and" opening a clause) and the
 * finite verb, if no verb group before k in the clause coded.  -1
 * otherwise. */
static long tabari_clause_source(const sentctx *c, size_t k) {
  const dyad__parse *p = &c->parse;
  size_t start = 0;
  if (p->chunks[k].infinitive || p->chunks[k].participle)
    return -1;
  for (size_t i = k; i-- > 0;) {
    if (p->chunks[i].kind == DYAD__C_VG && c->vg_events[i] && !c->vg_sub[i])
      return -1;
    if (p->chunks[i].kind == DYAD__C_CC && new_clause(c, i)) {
      start = i + 1;
      break;
    }
  }
  for (size_t i = start; i < k; i++)
    if (p->chunks[i].kind == DYAD__C_NP && c->np_act[i].kind == A_REAL)
      return p->chunks[i].group >= 0 ? p->chunks[i].group : (long)i;
  return -1;
}

/* TABARI's compound target goes on past ", and" ("reconciliation between
 * Calenardhon and Gondor, and Ithilen and Dagolath"): the actors of the
 * coordinations that follow chunk slot's that way, added to tgt. */
static void tabari_more_targets(sentctx *c, size_t slot, actset *tgt,
                                const actset *subj) {
  const dyad__parse *p = &c->parse;
  size_t e = group_end(p, slot);
  while (e + 3 < p->n && p->chunks[e + 1].kind == DYAD__C_COMMA &&
         p->chunks[e + 2].kind == DYAD__C_CC &&
         p->chunks[e + 3].kind == DYAD__C_NP && np_has_actor(c, e + 3)) {
    actset more;
    actors_of_np_ex(c, (long)(e + 3), &more, 0, subj);
    for (int i = 0; i < more.n; i++)
      set_add(tgt, &more.a[i]);
    e = group_end(p, e + 3);
  }
}

/* TABARI's source is the first actor of the clause (its clauses end at
 * a conjunction; a clause it deleted between commas is not read), not a
 * later subject: "Elrond, suspicious as ever of Mordor brushed, aside
 * reports that Calimehtar attacked Gandalf" → ELF WIZ.  For verb group k
 * with subject chunk sj, that first actor's chunk when it comes before
 * sj, else -1. */
static long tabari_first_actor(const sentctx *c, size_t k, long sj) {
  const dyad__parse *p = &c->parse;
  if (!peer(c) || petrarch(c) || sj < 0)
    return -1;
  long g = p->chunks[sj].group >= 0 ? p->chunks[sj].group : sj;
  size_t start = 0;
  for (size_t i = k; i-- > 0;)
    if (p->chunks[i].kind == DYAD__C_CC) {
      start = i + 1;
      break;
    }
  /* Only past a "that" whose verb TABARI did not read: the clause it
   * deleted, or a verb group that coded nothing or only a subordinate
   * code. */
  if (g < 1 || p->chunks[g - 1].kind != DYAD__C_SUB ||
      tabari_outer_subject(c, k) >= 0)
    return -1;
  long fa = -1;
  for (size_t i = start; (long)i < g && fa < 0; i++)
    if (p->chunks[i].kind == DYAD__C_NP && np_has_actor(c, i) &&
        !(c->gone && c->gone[i]) && c->np_act[i].kind == A_REAL)
      fa = p->chunks[i].group >= 0 ? p->chunks[i].group : (long)i;
  if (fa < 0)
    return -1;
  for (long i = fa + 1; i < g; i++)
    if (p->chunks[i].kind == DYAD__C_VG && !(c->gone && c->gone[i]) &&
        !c->suppressed[i] && c->vg_events[i] &&
        !(c->vg_sub && c->vg_sub[i]))
      return -1; /* (a subordinate code, REPORT [025?], does not count) */
  return fa;
}

/* Read as TABARI does, is the "by" after passive verb group k another
 * verb's ("should be set up in areas not controlled by rebel Orc
 * forces")?  Then k reads as active. */
static int tabari_other_agent(const sentctx *c, size_t k) {
  if (!peer(c) || petrarch(c))
    return 0;
  long a = passive_agent(c, &c->parse.chunks[k]);
  if (a < 0)
    return 1; /* no "by": TABARI reads the words as they stand */
  for (long j = (long)k + 1; j < a; j++)
    if (c->parse.chunks[j].kind == DYAD__C_VG)
      return 1;
  return 0;
}

/* Is pat, read as TABARI does, a verb with nothing after it but its
 * target ("REPORT [025?]" as "report +")? */
static int tabari_bare_slot(const sentctx *c, const dyad__pattern *pat) {
  if (!peer(c) || petrarch(c) || !pat->has_slot)
    return 0;
  for (uint8_t i = 0; i < pat->n_elems; i++)
    if (!pat->elems[i].before && pat->elems[i].lemma)
      return 0;
  return 1;
}

static int code_vg(sentctx *c, size_t k, const speech *sp, int nsp) {
  dyad__parse *p = &c->parse;
  const dyad__chunk *vg = &p->chunks[k];
  const dyad__token *h = tok(c, vg->head);
  const dyad__verb *v = verb_of_tok(c, h);
  uint32_t vtok = vg->head; /* the verb word patterns are matched from */
  if (peer(c) && !petrarch(c))
    v = tabari_first_verb(c, vg, v, &vtok);
  if (!v && peer(c)) {
    /* The peers look up every word: an auxiliary or modal of the group may
     * be their verb ("SHOULD - SUGGESTED * APPLY CONVENTIONS"). */
    for (uint32_t i = vg->first; i <= vg->last && !v; i++)
      if (i != vg->head && (v = verb_of_tok(c, tok(c, i))) != NULL)
        vtok = i;
  }
  int reported = 0;
  c->speaker = NULL;
  for (int i = 0; i < nsp; i++)
    if (k >= sp[i].from && k < sp[i].to && (long)k != sp[i].verb) {
      reported = 1;
      c->speaker = &sp[i].speaker;
    }
  actset subj;
  long sj = vg->subject;
  if (sj < 0 && peer(c) && c->force[vg->head - c->s->first] ==
                               DYAD__FORCE_VERB) {
    /* A word read as a verb only in the peer reading ("Gollum was in
     * accord with"): the subject of the verb group before it. */
    for (size_t j = k; j-- > 0;)
      if (p->chunks[j].kind == DYAD__C_VG) {
        sj = p->chunks[j].subject;
        break;
      }
  }
  actset cmp; /* TABARI's compound before the verb, for '%' */
  cmp.n = 0;
  if (peer(c) && !petrarch(c) && sj >= 0)
    sj = tabari_subject(c, sj, &cmp);
  long unshared = tabari_unshared(c, k);
  if (unshared >= 0)
    sj = unshared;
  {
    long fa = tabari_first_actor(c, k, sj);
    if (fa >= 0)
      sj = fa;
  }
  actors_of_np_ex(c, sj, &subj, 1, NULL);
  if (cmp.n >= 2 && subj.n) {
    /* The compound is the source when nothing before it names an actor
     * ("Ties between Arnor and Gondor may permit"). */
    int inside = 1;
    for (int i = 0; i < subj.n && inside; i++)
      inside = in_set(&cmp, &subj.a[i]);
    if (inside)
      subj = cmp;
  }
  int role_only = subj.n > 0;
  for (int i = 0; i < subj.n && role_only; i++)
    role_only = subj.a[i].kind == A_ROLE;
  long unparsed = -1; /* TABARI's source for a verb without subject */
  if ((!subj.n || role_only) && peer(c) && !petrarch(c)) {
    /* A subject naming only an agent ("government proposed") is no
     * source for TABARI, which takes an actor before it. */
    long a = vg->subject < 0 ? tabari_clause_source(c, k) : -1;
    unparsed = a;
    if (a < 0)
      a = tabari_source_before(c, role_only ? (size_t)sj : k);
    if (a < 0)
      a = tabari_clause_source(c, k);
    if (a >= 0)
      actors_of_np_ex(c, a, &subj, 1, NULL);
  }
  note_subject(c, &subj);
  /* TABARI: the outer subject is the source, the inner one the target
   * when none follows the verb. */
  actset inner;
  int raised = 0;
  long outer = tabari_outer_subject(c, k);
  if (outer >= 0) {
    actset os;
    actors_of_np_ex(c, outer, &os, 1, NULL);
    if (os.n) {
      inner = subj;
      subj = os;
      raised = 1;
    }
  } else if (subj.n && (unparsed >= 0 ||
                        (vg->subject < 0 && peer(c) && !petrarch(c) &&
                         (unparsed = tabari_clause_source(c, k)) >= 0))) {
    /* A verb without a subject of its own takes the clause's first actor
     * as source, and the next actor before it as target when none
     * follows ("the Prince of Dol_Amroth, ..., and Elrond the chief of
     * military attack intelligence" -> DOL ELF). */
    for (size_t i = group_end(p, (size_t)unparsed) + 1; i < k && !raised;
         i++) {
      if (p->chunks[i].kind != DYAD__C_NP || c->np_act[i].kind == A_NONE)
        continue;
      actors_of_np_ex(c, (long)i, &inner, 0, &subj);
      int n = 0; /* not the source itself ("its positions") */
      for (int j = 0; j < inner.n; j++)
        if (!in_set(&subj, &inner.a[j]))
          inner.a[n++] = inner.a[j];
      inner.n = n;
      raised = inner.n > 0;
    }
  }
  if (!subj.n && vg->subject >= 0 &&
      c->parse.chunks[vg->subject].kind == DYAD__C_NP &&
      c->np_act[vg->subject].kind == A_NONE &&
      tok(c, c->parse.chunks[vg->subject].head)->tag == DYAD__T_NNP) {
    /* A person the dictionaries do not know ("Mr Fox said"): a later "he"
     * is that person, not the last one known. */
    c->cr->have_subj_person = 0;
    c->cr->have_person = 0;
  }
  if (c->vt)
    trace_vg_begin(c, k, &subj);
  if (!v || c->suppressed[k] || c->discard) {
    trace_vg_end(c, c->discard        ? "sentence discarded"
                    : c->suppressed[k] ? "inside a request, denial, negation "
                                         "or condition: not an act done"
                    : !v               ? "no verb pattern for this verb"
                                       : "");
    return 0;
  }
  size_t before = c->doc->n_events;
  /* PETRARCH reads a passive verb as passive only when it has a "by"
   * agent: "The Philippines was criticized over its dispute with Eriador"
   * has the Philippines criticize Eriador. */
  int passive = vg->passive && !(petrarch(c) && passive_agent(c, vg) < 0) &&
                !tabari_other_agent(c, k);
  const dyad__verb *lemma_v = tabari_form_fallback(c, v, tok(c, vtok));
retry_lemma:
  c->pat_matched = 0;
  for (uint32_t pi = 0; pi < v->n_patterns; pi++) {
    const dyad__pattern *pat = &D(c)->patterns[v->patterns[pi]];
    long slot;
    int each_other;
    c->sub_pat = (uint8_t)(peer(c) && pat->subordinate);
    c->dom_pat = (uint8_t)(peer(c) && pat->dominant);
    if (passive && !tabari_names_before(c, pat)) {
      if (pat->has_slot && !pat->slot_first)
        continue;
      long ps, pt, pa, ns;
      if (!match_before(c, pat, vtok, &ps, &pt, &pa) ||
          !match_pattern(c, pat, vtok + 1, 1, &slot, &ns, &each_other)) {
        trace_tried(c, pat, 0);
        continue;
      }
      trace_tried(c, pat, 1);
      if (pat->block || pat->discard) {
        blocked(c, pat);
        break;
      }
      actset src;
      actors_of_np(c, ns >= 0 ? ns : passive_agent(c, vg), &src);
      if (!subj.n && vg->subject >= 0) {
        /* "A building in the city of Dnipro was struck by ..." */
        long loc = located_actor(c, (size_t)vg->subject);
        if (loc >= 0)
          actors_of_np(c, loc, &subj);
      }
      if (!pat->has_slot) {
        if (make_events(c, &subj, NULL, subj.n >= 2, pat->code, vg,
                        pat->text, reported))
          return -1;
      } else if (make_events(c, &src, &subj, 0, pat->code, vg, pat->text,
                             reported) ||
                 make_reverse(c, pat, &subj, &src, vg, reported)) {
        return -1;
      }
      break;
    }
    long pre_src = -1, pre_tgt = -1, anchor = -1, post_src = -1;
    if (unshared >= 0 && pat->has_slot &&
        match_before(c, pat, vtok, &pre_src, &pre_tgt, &anchor) &&
        match_pattern(c, pat, vtok + 1, 1, &slot, &post_src, &each_other) &&
        pre_src < 0 && pre_tgt < 0 && post_src < 0) {
      /* TABARI's source after the verb: the target is the next actor, and
       * the verb groups up to it are part of this clause. */
      trace_tried(c, pat, 1);
      if (pat->block || pat->discard) {
        blocked(c, pat);
        break;
      }
      long t = tabari_next_actor(c, group_end(p, (size_t)unshared));
      actset tgt;
      actors_of_np_ex(c, t, &tgt, 0, &subj);
      if (make_events(c, &subj, &tgt, 0, pat->code, vg, pat->text,
                      reported) ||
          make_reverse(c, pat, &tgt, &subj, vg, reported))
        return -1;
      for (long i = (long)k + 1; i < t; i++)
        if (p->chunks[i].kind == DYAD__C_VG)
          c->suppressed[i] = 1;
      break;
    }
    pre_src = pre_tgt = anchor = post_src = -1;
    if (raised && inner.n && pat->has_slot &&
        match_before(c, pat, vtok, &pre_src, &pre_tgt, &anchor) &&
        !match_pattern(c, pat, vtok + 1, 0, &slot, &post_src, &each_other) &&
        match_pattern(c, pat, vtok + 1, 1, &slot, &post_src, &each_other) &&
        pre_src < 0 && pre_tgt < 0) {
      trace_tried(c, pat, 1);
      if (pat->block || pat->discard) {
        blocked(c, pat);
        break;
      }
      if (make_events(c, &subj, &inner, 0, pat->code, vg, pat->text,
                      reported) ||
          make_reverse(c, pat, &inner, &subj, vg, reported))
        return -1;
      break;
    }
    if (!match_before(c, pat, vtok, &pre_src, &pre_tgt, &anchor) ||
        (!match_pattern(c, pat, vtok + 1, 0, &slot, &post_src, &each_other) &&
         (slot = tabari_target_before(c, pat, vtok)) < 0)) {
      if (subj.n && one_actor_default(c, k, pat)) {
        /* PETRARCH without require_dyad: the verb's own code, no target
         * ("a senior official said"). */
        trace_tried(c, pat, 1);
        if (make_events(c, &subj, NULL, 0, pat->code, vg, pat->text,
                        reported))
          return -1;
        break;
      }
      trace_tried(c, pat, 0);
      continue;
    }
    if (post_src >= 0)
      pre_src = post_src; /* a peer's '$' after the verb */
    trace_tried(c, pat, 1);
    if (pat->block || pat->discard) {
      blocked(c, pat);
      break;
    }
    if (compound_after(pat)) {
      /* TABARI's '%' after the verb: the compound found there, each
       * member acting on the other ("exchanged prisoners with Gondor and
       * Osgiliath"). */
      actset cm;
      actors_of_np(c, slot, &cm);
      if (cm.n < 2)
        continue;
      if (tabari_pair_events(c, &cm, pat, vg, reported))
        return -1;
      break;
    }
    if ((pre_src >= 0 || pre_tgt >= 0 || anchor >= 0) &&
        (pat->has_slot || pre_tgt >= 0 || pre_src >= 0)) {
      /* A peer's pattern with words before the verb: '$' names the
       * source, else the subject of the verb holding the first word
       * ("Falastur noted + *"); '+' the target, else the one found after
       * the verb. */
      actset s2, t2;
      long sk = pre_src >= 0 ? pre_src
                : anchor >= 0 && (size_t)anchor != k &&
                        p->chunks[anchor].subject >= 0
                    ? p->chunks[anchor].subject
                    : -1;
      if (sk < 0 && pre_tgt >= 0 && peer(c) && !petrarch(c) &&
          pre_tgt == vg->subject)
        sk = tabari_source_after(c, k); /* "+ WAS * DEAD" */
      if (sk >= 0)
        actors_of_np_ex(c, sk, &s2, 1, NULL);
      else
        s2 = subj;
      if (pre_tgt >= 0)
        actors_of_np(c, pre_tgt, &t2);
      else
        actors_of_np_ex(c, slot, &t2, 0, &s2);
      if (!s2.n || !t2.n)
        continue;
      if (make_events(c, &s2, &t2, 0, pat->code, vg, pat->text, reported) ||
          make_reverse(c, pat, &t2, &s2, vg, reported))
        return -1;
      break;
    }
    if (!pat->has_slot || each_other) {
      if (subj.n < 2 && vg->inherit >= 0 && !vg->infinitive &&
          c->last_target_vg >= 0 && c->last_target.n && !each_other) {
        /* "met X in Tokyo and signed an agreement": the partner of the
         * first predicate is the partner of the second. */
        if (make_events(c, &subj, &c->last_target, 0, pat->code, vg,
                        pat->text, reported) ||
            make_reverse(c, pat, &c->last_target, &subj, vg, reported))
          return -1;
        break;
      }
      if (cmp.n >= 2 && !each_other) {
        if (tabari_pair_events(c, &cmp, pat, vg, reported))
          return -1;
        break;
      }
      if (subj.n < 2)
        continue; /* a pattern without target needs a compound subject */
      /* "where Paraguay, Brazil and Argentina meet" is a place; "Norway,
       * Egypt and the USSR agreed to help OPEC" acts on OPEC, not on each
       * other. */
      int pct = tabari_compound_pattern(c, pat);
      if (!pct && (place_clause(c, vg->subject) || actor_follows(c, vg)))
        continue;
      if (make_events(c, &subj, NULL, 1, pat->code, vg, pat->text,
                      reported) ||
          (pct && pat->code2[0] &&
           make_events(c, &subj, NULL, 1, pat->code2, vg, pat->text,
                       reported)))
        return -1;
      break;
    }
    /* One meets, visits or receives a party, not a thing of it
     * ("received IMF support"). */
    if (pat->code[0] == '0' && pat->code[1] == '4' && slot >= 0 &&
        !c->np_act[slot].agent)
      continue;
    actset tgt;
    actors_of_np_ex(c, slot, &tgt, 0, &subj);
    for (int tries = 0; !tgt.n && slot >= 0 && tries < 3 &&
                        tabari_bare_slot(c, pat);
         tries++) {
      /* TABARI's target is the first actor after the verb other than the
       * source ("was reported ... to have reinforced its positions near
       * Durthang and an Orc" -> MORORC). */
      uint32_t from = c->parse.chunks[group_end(p, (size_t)slot)].last + 1;
      long s2 = -1, ps2 = -1;
      int eo2 = 0;
      if (!match_pattern(c, pat, from, 0, &s2, &ps2, &eo2) || s2 < 0)
        break;
      slot = s2;
      actors_of_np_ex(c, slot, &tgt, 0, &subj);
    }
    if (peer(c) && !petrarch(c) && slot >= 0)
      tabari_more_targets(c, (size_t)slot, &tgt, &subj);
    if (raised) {
      /* Nothing but the source itself after the verb: "they requested
       * that Rohan assist them" has Rohan as the target. */
      int own = 1;
      for (int i = 0; i < tgt.n && own; i++)
        own = in_set(&subj, &tgt.a[i]);
      if (own)
        tgt = inner;
    }
    if (make_events(c, &subj, &tgt, 0, pat->code, vg, pat->text, reported) ||
        make_reverse(c, pat, &tgt, &subj, vg, reported))
      return -1;
    if (subj.n == 1 && tgt.n == 1 && subj.a[0].kind == A_REAL &&
        tgt.a[0].kind == A_REAL && c->doc->n_events > before &&
        !(vg->relative && c->cr->group.n)) {
      /* "A met B. The two leaders agreed ...": A and B -- not a relative
       * clause's pair ("B, who is visiting Japan") over the main one. */
      c->cr->group = subj;
      set_add(&c->cr->group, &tgt.a[0]);
    }
    if (tgt.n) {
      c->last_target = tgt;
      c->last_target_vg = (long)k;
    }
    break;
  }
  c->sub_pat = c->dom_pat = 0;
  if (lemma_v && !c->pat_matched && c->doc->n_events == before) {
    /* TABARI: a form listed on its own whose patterns all fail ("CALLED_ON"
     * for "called for") leaves the word to the verb it is a form of. */
    v = lemma_v;
    lemma_v = NULL;
    goto retry_lemma;
  }
  if (c->vt) {
    const char *st = "coded";
    if (c->doc->n_events == before) {
      if (v->report && !c->vt_matched)
        st = "reporting verb: introduces reported speech";
      else if (!c->vt_matched)
        st = "no pattern matched";
      else if (vg->negated)
        st = "negated: dropped (--keep-negated keeps it)";
      else if (is_hypothetical(c, vg))
        st = "hypothetical: dropped (--keep-hypothetical keeps it)";
      else if (!subj.n)
        st = "matched, but the subject names no actor";
      else
        st = "matched, but no target actor (or only the source itself)";
    }
    trace_vg_end(c, st);
  }
  /* What is requested, demanded, denied or rejected did not happen:
   * "urged China to cooperate", "denied that its forces attacked". */
  for (size_t e = before; e < c->doc->n_events; e++) {
    const char *code = c->doc->events[e].code;
    int sub = 0; /* a subordinate code asks for nothing ("said") */
    for (int j = 0; j < c->n_sub_ev; j++)
      sub |= c->sub_ev[j] == e;
    if (sub)
      continue;
    if ((code[0] == '0' && code[1] == '2') || !strncmp(code, "10", 2) ||
        !strncmp(code, "12", 2) || !strcmp(code, "016")) {
      suppress_requested(c, k);
      break;
    }
  }
  return 0;
}

/* Does a dictionary phrase of this kind start at token t? */
static int has_kind(const sentctx *c, uint32_t t, int kind) {
  int32_t m = c->mention_of[t - c->s->first];
  for (int32_t x = m; x >= 0; x = D(c)->entries[x].next)
    if (D(c)->entries[x].kind == kind)
      return 1;
  return 0;
}

/* The speaker's own act: accusing the source of a hostile act they report
 * (112), or, when what they said codes nothing, a statement about its
 * first subject (010) unless that clause is negated. */
static int code_speakers(sentctx *c, speech *sp, int nsp) {
  dyad__parse *p = &c->parse;
  dyad_doc *doc = c->doc;
  for (int i = 0; i < nsp; i++) {
    speech *q = &sp[i];
    size_t ev_end = doc->n_events;
    int any = 0;
    const dyad__chunk *sv =
        q->verb >= 0 ? &p->chunks[q->verb]
                     : &p->chunks[q->from > 0 ? q->from - 1 : 0];
    dyad__chunk plain = *sv;
    plain.negated = 0;
    plain.modal = 0;
    for (size_t e = q->events_before; e < ev_end; e++) {
      dyad_event *ev = &doc->events[e];
      uint32_t vs = (uint32_t)ev->verb_span.start;
      if (vs < tok(c, p->chunks[q->from].first)->start ||
          vs >= tok(c, p->chunks[q->to - 1].last)->end)
        continue;
      any = 1;
      if (ev->quad_class < 3 || !ev->reported)
        continue;
      act src;
      memset(&src, 0, sizeof src);
      for (size_t k = q->from; k < q->to; k++) {
        act *a = &c->np_act[k];
        if (p->chunks[k].kind == DYAD__C_NP && a->kind == A_REAL &&
            ev->source.code.len == strlen(a->code) &&
            memcmp(ev->source.code.ptr, a->code, ev->source.code.len) == 0) {
          src = *a;
          break;
        }
      }
      if (!src.code)
        continue;
      for (int j = 0; j < q->speaker.n; j++) {
        act s1 = q->speaker.a[j];
        /* Not one's own side ("the defence secretary said U.S. destroyers
         * attacked"), and not the media reporting. */
        if (s1.country[0] && !strcmp(s1.country, src.country))
          continue;
        if (!strcmp(s1.role, "MED"))
          continue;
        if (s1.kind == A_REAL &&
            push_event(c, &s1, &src, "112", &plain, NULL, 0))
          return -1;
      }
    }
    if (any)
      continue;
    for (size_t k = q->from; k < q->to; k++) {
      const dyad__chunk *vg = &p->chunks[k];
      if (vg->kind != DYAD__C_VG || vg->subject < 0 ||
          (size_t)vg->subject < q->from)
        continue;
      actset about;
      c->speaker = &q->speaker;
      actors_of_np_ex(c, vg->subject, &about, 1, NULL);
      c->speaker = NULL;
      if (!about.n)
        continue;
      if (vg->negated)
        break; /* "China is not our enemy": nothing is coded */
      /* Only a judgement is coded: "Kyiv said Moscow was behind the
       * strike" accuses (112), "Kishida said NATO is an important
       * partner" praises (051).  A bare "X said Y ..." is not an event
       * between X and Y: coding it was the largest source of false
       * positives. */
      const char *code = NULL;
      if (dyad__is_be(tok(c, vg->head)) || !strcmp(tok(c, vg->head)->lemma, "be"))
        for (uint32_t t = vg->last + 1;
             t <= vg->last + 5 && t < c->s->first + c->s->count; t++) {
          if (t > vg->last + 1 && boundary(c, t))
            break;
          if (has_kind(c, t, DYAD__K_BLAME))
            code = "112";
          else if (has_kind(c, t, DYAD__K_PRAISE))
            code = "051";
        }
      if (!code)
        break;
      for (int j = 0; j < q->speaker.n; j++)
        for (int a = 0; a < about.n; a++) {
          act s1 = q->speaker.a[j], t1 = about.a[a];
          if (s1.kind == A_REAL && t1.kind == A_REAL &&
              push_event(c, &s1, &t1, code, &plain, NULL, 0))
            return -1;
        }
      break;
    }
  }
  return 0;
}

/* TABARI has no tagger: read as it does (its dictionaries loaded), a word
 * outside every actor phrase that its verb dictionary names (a stem
 * included: "meeting" for MEET, "notedown" for NOTE) is a verb whatever
 * the tagger said ("have postponed their meeting", "was in accord
 * with").  Only nouns, adjectives and adverbs are reread so, and no
 * possessor.  Marks them
 * in c->force; returns how many. */
/* Does a determiner (a, an, the) stand right before token i?  TABARI
 * reads a verb word after one as a noun. */
static int after_determiner(const sentctx *c, uint32_t i) {
  static const char *const dets[] = {"a", "an", "the", NULL};
  return i > c->s->first && is_word(tok(c, i - 1), dets);
}

static int mark_peer_verbs(sentctx *c) {
  int n = 0;
  const dyad__sentence *s = c->s;
  uint32_t covered = 0;
  for (uint32_t i = 0; i < s->count; i++) {
    if (c->mention_len[i] && c->mention_len[i] > covered)
      covered = c->mention_len[i];
    int inside = covered > 0;
    if (covered)
      covered--;
    const dyad__token *t = tok(c, s->first + i);
    if (inside || c->force[i] || t->len < 3)
      continue;
    int tg = t->tag;
    if (!(tg == DYAD__T_NN || tg == DYAD__T_NNS || DYAD__IS_ADJ(tg) ||
          DYAD__IS_ADV(tg) || tg == DYAD__T_VBG || tg == DYAD__T_VBN))
      continue;
    if (i + 1 < s->count && tok(c, s->first + i + 1)->tag == DYAD__T_POS)
      continue; /* a possessor ("donate's cash") */
    if (i > 0 && !petrarch(c) && after_determiner(c, s->first + i))
      continue; /* TABARI: a determiner makes it a noun ("an accord") */
    if (verb_of_tok(c, t)) {
      c->force[i] = DYAD__FORCE_VERB;
      n++;
    }
  }
  return n;
}

/* Codes one sentence; with peer_verbs, the words of mark_peer_verbs are
 * verbs. */
/* Is comma chunk k inside a coordination of noun phrases ("Arnor,
 * Osgiliath and Gondor")? */
static int comma_in_list(const sentctx *c, size_t k) {
  const dyad__parse *p = &c->parse;
  if (k == 0 || k + 1 >= p->n || p->chunks[k + 1].kind != DYAD__C_NP ||
      p->chunks[k - 1].kind != DYAD__C_NP)
    return 0;
  long g = p->chunks[k - 1].group >= 0 ? p->chunks[k - 1].group : (long)k - 1;
  return p->chunks[k + 1].group == g;
}

/* TABARI codes by clause (its default CODE BY CLAUSE): once a verb of a
 * clause (its clauses end at a conjunction: "and", "but", "or") coded an
 * event, the verbs after it in the clause are not coded.  Is verb group k
 * such a verb? */
static int tabari_clause_coded(const sentctx *c, size_t k) {
  if (!peer(c) || petrarch(c))
    return 0;
  for (size_t i = k; i-- > 0;) {
    const dyad__chunk *ch = &c->parse.chunks[i];
    if (ch->kind == DYAD__C_CC)
      return 0;
    if (ch->kind == DYAD__C_VG && c->vg_events[i] && !c->vg_sub[i])
      return 1;
  }
  return 0;
}

/* TABARI deletes a clause between two commas, or between a comma and the
 * sentence's end, of 2 to 10 words (its default COMMA: MIN, MAX, EMIN,
 * EMAX; an initial clause is kept): its actors and verbs are not read. */
static void tabari_comma_clauses(sentctx *c) {
  dyad__parse *p = &c->parse;
  for (size_t a = 0; a < p->n; a++) {
    if (p->chunks[a].kind != DYAD__C_COMMA || comma_in_list(c, a))
      continue;
    size_t b = a + 1;
    while (b < p->n && p->chunks[b].kind != DYAD__C_COMMA)
      b++; /* TABARI reads commas, not lists: any closes the clause */
    uint32_t from = p->chunks[a].last + 1;
    uint32_t to = b < p->n ? p->chunks[b].first : c->s->first + c->s->count;
    uint32_t words = 0;
    for (uint32_t i = from; i < to; i++) {
      unsigned char ch = (unsigned char)tok(c, i)->lower[0];
      words += (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
               ch >= 0x80;
    }
    /* ", and Ithilen and Dagolath," goes on a coordination. */
    if (words < 2 || words > 10 ||
        (a + 1 < b && p->chunks[a + 1].kind == DYAD__C_CC))
      continue;
    for (size_t k = a; k <= b && k < p->n; k++)
      c->gone[k] = 1; /* its commas too */
    for (size_t k = a + 1; k < b; k++) {
      if (p->chunks[k].kind == DYAD__C_NP)
        memset(&c->np_act[k], 0, sizeof c->np_act[k]);
      else if (p->chunks[k].kind == DYAD__C_VG)
        c->suppressed[k] = 1;
    }
    /* The clause gone, the phrase before it is the subject of a verb
     * right after it ("Arnor's foreign minister, in remarks published on
     * Monday, urged"). */
    if (b + 1 < p->n && a > 0 && p->chunks[b + 1].kind == DYAD__C_VG &&
        p->chunks[b + 1].subject < 0 && !p->chunks[b + 1].infinitive &&
        p->chunks[a - 1].kind == DYAD__C_NP)
      p->chunks[b + 1].subject = p->chunks[a - 1].group >= 0
                                     ? p->chunks[a - 1].group
                                     : (int32_t)(a - 1);
    a = b; /* the closing comma opens no clause of its own */
  }
}

/* TABARI's subordinate codes ("SAID [023?]") stand only when no other
 * verb of the sentence codes: their events are dropped when another
 * event was made. */
static void drop_subordinate(sentctx *c, size_t from) {
  dyad_doc *doc = c->doc;
  if (!c->n_sub_ev || doc->n_events - from <= (size_t)c->n_sub_ev)
    return;
  size_t w = from;
  int j = 0;
  for (size_t i = from; i < doc->n_events; i++) {
    if (j < c->n_sub_ev && c->sub_ev[j] == i) {
      j++;
      continue;
    }
    doc->events[w++] = doc->events[i];
  }
  doc->n_events = w;
  c->n_sub_ev = 0;
}

/* TABARI's dominant codes ("ATTEND [031!]"): when one codes, the
 * sentence's other events are dropped. */
static void drop_dominated(sentctx *c, size_t from) {
  dyad_doc *doc = c->doc;
  if (!c->n_dom_ev)
    return;
  size_t w = from;
  int j = 0;
  for (size_t i = from; i < doc->n_events; i++) {
    while (j < c->n_dom_ev && c->dom_ev[j] < i)
      j++;
    if (j < c->n_dom_ev && c->dom_ev[j] == i)
      doc->events[w++] = doc->events[i];
  }
  doc->n_events = w;
  c->n_dom_ev = 0;
  c->n_sub_ev = 0; /* dropped with the others */
}

/* Does verb group k hold a verb with TABARI's dominant code? */
static int tabari_dominant(const sentctx *c, size_t k) {
  if (!peer(c) || petrarch(c))
    return 0;
  const dyad__verb *v = verb_of_tok(c, tok(c, c->parse.chunks[k].head));
  for (uint32_t i = 0; v && i < v->n_patterns; i++)
    if (D(c)->patterns[v->patterns[i]].dominant)
      return 1;
  return 0;
}

static int code_sentence_pass(sentctx *c, int peer_verbs) {
  const dyad__sentence *s = c->s;
  dyad_doc *doc = c->doc;
  dyad__arena *ar = c->scratch;
  uint32_t n = s->count;
  if (n == 0)
    return 0;
  c->mention_of = dyad__arena_alloc(ar, n * sizeof *c->mention_of);
  c->mention_len = dyad__arena_calloc(ar, n, 1);
  c->force = dyad__arena_calloc(ar, n, 1);
  c->chunk_of = dyad__arena_alloc(ar, n * sizeof *c->chunk_of);
  if (!c->mention_of || !c->mention_len || !c->force || !c->chunk_of)
    return -1;
  for (uint32_t i = 0; i < n; i++) {
    c->mention_of[i] = -1;
    c->chunk_of[i] = -1;
  }
  if (find_mentions(c))
    return -1;
  sentence_words(c);
  if (peer_verbs)
    mark_peer_verbs(c);
  if (dyad__parse_sentence(ar, doc->toks, s->first, n, c->force, s->headline,
                           &c->parse))
    return -1;
  dyad__parse *p = &c->parse;
  c->np_act = dyad__arena_calloc(ar, p->n ? p->n : 1, sizeof *c->np_act);
  c->suppressed = dyad__arena_calloc(ar, p->n ? p->n : 1, 1);
  c->gone = dyad__arena_calloc(ar, p->n ? p->n : 1, 1);
  if (!c->gone)
    return -1;
  c->vg_events = dyad__arena_calloc(ar, p->n ? p->n : 1, sizeof *c->vg_events);
  c->vg_sub = dyad__arena_calloc(ar, p->n ? p->n : 1, 1);
  if (!c->vg_sub)
    return -1;
  if (!c->np_act || !c->suppressed || !c->vg_events)
    return -1;
  for (size_t k = 0; k < p->n; k++) {
    for (uint32_t i = p->chunks[k].first; i <= p->chunks[k].last; i++)
      c->chunk_of[i - s->first] = (int32_t)k;
    if (p->chunks[k].kind == DYAD__C_NP) {
      if (analyse_np(c, k))
        return -1;
      c->np_act[k].agent = (uint8_t)is_agent(c, k);
    }
  }
  if (attach_of(c) || attach_appositives(c) ||
      (petrarch(c) && share_modifier(c)) ||
      (peer(c) && !petrarch(c) && tabari_compounds(c)))
    return -1;
  if (peer(c) && !petrarch(c))
    tabari_comma_clauses(c);
  if (note_actors(c))
    return -1;
  if (doc->tracing && trace_sentence(c))
    return -1;
  dyad__buf vt;
  dyad__buf_init(&vt, (size_t)64 << 20);
  c->vt = doc->tracing ? &vt : NULL;
  c->vt_n = 0;
  size_t events_before = doc->n_events;
  c->sent_events = events_before;
  c->n_sub_ev = 0;
  c->n_dom_ev = 0;

  /* What an "if", "unless" or "whether" clause supposes has not happened,
   * nor what a denied verb's clause says ("did not mean that Libya had
   * cut its ties"). */
  for (size_t k = 0; k < p->n; k++) {
    const char *w = tok(c, p->chunks[k].first)->lower;
    if (p->chunks[k].kind == DYAD__C_SUB &&
        (!strcmp(w, "if") || !strcmp(w, "unless") || !strcmp(w, "whether")))
      suppress_requested(c, k);
    if (p->chunks[k].kind == DYAD__C_VG && p->chunks[k].negated && !peer(c))
      suppress_requested(c, k);
  }

  speech sp[8];
  int nsp = find_speech(c, sp, 8);
  size_t noted = 0;
  for (size_t k = 0; k < p->n; k++) {
    const dyad__chunk *vg = &p->chunks[k];
    if (vg->kind != DYAD__C_VG)
      continue;
    note_people(c, k, &noted);
    if (vg->participle) {
      if (c->vt) {
        trace_vg_begin(c, k, NULL);
        trace_vg_end(c, "participle without auxiliary: a modifier, not coded");
      }
      continue;
    }
    if (tabari_clause_coded(c, k)) {
      if (c->vt) {
        trace_vg_begin(c, k, NULL);
        trace_vg_end(c, "TABARI codes one event per clause: a verb before "
                        "it in the clause coded");
      }
      continue;
    }
    size_t before = doc->n_events;
    if (vg->infinitive) {
      /* "decided to cooperate with": an intent; "blocked roads to protest
       * against": a purpose, coded as done.  Only when the governing verb
       * coded nothing itself ("agreed to strengthen cooperation" did). */
      long g = vg->inherit;
      if (g < 0 && peer(c) && !petrarch(c) && !c->suppressed[k]) {
        /* TABARI has no parse: an infinitive no verb governs ("Estonia
         * plan's to expel") is a verb like any other. */
        c->intent = 1;
        int rc = code_vg(c, k, sp, nsp);
        c->intent = 0;
        if (rc)
          goto fail;
        c->vg_events[k] = (uint16_t)(doc->n_events - before > 65535
                                         ? 65535
                                         : doc->n_events - before);
        continue;
      }
      if (g >= 0 && c->vg_events[g] && !c->suppressed[k] &&
          tabari_dominant(c, k)) {
        /* TABARI's dominant verb codes whatever coded before it ("will
         * leave for Minas Tirith ... to attend meetings"). */
        if (code_vg(c, k, sp, nsp))
          goto fail;
        c->vg_events[k] = (uint16_t)(doc->n_events - before > 65535
                                         ? 65535
                                         : doc->n_events - before);
        continue;
      }
      if (g < 0 || c->vg_events[g] || c->suppressed[k]) {
        /* "called on Gondor to be allowed to leave": an infinitive under
         * a coded one counts as coded for the infinitives under it. */
        if (g >= 0) {
          c->vg_events[k] = c->vg_events[g];
          c->vg_sub[k] = c->vg_sub[g];
        }
        if (c->vt) {
          trace_vg_begin(c, k, NULL);
          trace_vg_end(c, g >= 0 && c->vg_events[g]
                              ? "infinitive: the verb it depends on was coded"
                              : "infinitive: not coded on its own");
        }
        continue;
      }
      const dyad__token *gh = tok(c, p->chunks[g].head);
      const dyad__verb *gv = verb_of_tok(c, gh);
      int intent = gv && gv->intent;
      if (peer(c))
        intent = 1; /* the peers code what the infinitive says */
      int in_speech = 0;
      for (int i = 0; i < nsp; i++)
        in_speech |= k >= sp[i].from && k < sp[i].to;
      int purpose = !intent && !in_speech && !p->chunks[g].modal &&
                    !p->chunks[g].infinitive && k >= 2 &&
                    p->chunks[k - 1].kind == DYAD__C_TO &&
                    p->chunks[k - 2].kind == DYAD__C_NP &&
                    (long)k - 2 != p->chunks[g].subject;
      if (!intent && !purpose) {
        if (c->vt) {
          trace_vg_begin(c, k, NULL);
          trace_vg_end(c, "infinitive: neither an intent nor a purpose");
        }
        continue;
      }
      c->intent = intent;
      int rc = code_vg(c, k, sp, nsp);
      c->intent = 0;
      if (rc)
        goto fail;
    } else if (code_vg(c, k, sp, nsp)) {
      goto fail;
    }
    c->vg_events[k] = (uint16_t)(doc->n_events - before > 65535
                                     ? 65535
                                     : doc->n_events - before);
    int nsub = 0;
    for (int j = 0; j < c->n_sub_ev; j++)
      nsub += c->sub_ev[j] >= before;
    c->vg_sub[k] = nsub && (size_t)nsub == doc->n_events - before;
  }
  note_people(c, p->n, &noted);
  c->speaker = NULL;
  if (!c->discard && !peer(c) && code_speakers(c, sp, nsp))
    goto fail;
  drop_dominated(c, events_before);
  drop_subordinate(c, events_before);
  if (doc->tracing) {
    const char *reason = c->discard ? "discarded: a sport or entertainment "
                                      "phrase"
                         : c->vt_n == 0 ? "no verb group"
                                        : "no verb group coded an event "
                                          "(see each verb's status)";
    /* A verb group's explanation that failed to grow fails the trace. */
    int rc = trace_sentence_end(c, events_before, reason) || vt.failed;
    dyad__buf_free(&vt);
    if (rc || doc->trace.failed)
      return -1;
  }
  return 0;
fail:
  dyad__buf_free(&vt);
  return -1;
}

/* Codes one sentence.  Read as TABARI does (its dictionaries loaded),
 * when the tagger's verbs code nothing and a word of TABARI's verb
 * dictionary was tagged otherwise (mark_peer_verbs), the sentence is
 * coded again with those words as verbs: TABARI tries every verb of its
 * dictionary until one codes, the tagger's first. */
/* Keeps the actors of the sentence's noun phrases for the document layer
 * (the speakers of quotes). */
static int note_actors(sentctx *c) {
  dyad_doc *doc = c->doc;
  size_t sidx = (size_t)(c->s - doc->sents);
  for (size_t k = 0; k < c->parse.n; k++) {
    const act *a = &c->np_act[k];
    if (c->parse.chunks[k].kind != DYAD__C_NP || a->kind != A_REAL ||
        !a->code || !a->code[0])
      continue;
    const char *code = dyad__arena_strndup(&doc->arena, a->code,
                                           strlen(a->code));
    const char *name = a->name ? dyad__arena_strndup(&doc->arena, a->name,
                                                     strlen(a->name))
                               : "";
    if (!code || !name ||
        dyad__doc_note_actor(doc, (uint32_t)sidx, c->parse.chunks[k].first,
                             c->parse.chunks[k].last, code, name,
                             a->is_person || (a->name && a->name[0])))
      return -1;
  }
  return 0;
}

static int code_sentence(sentctx *c) {
  if (!peer(c) || !(D(c)->peer_format & DYAD__PEER_TABARI))
    return code_sentence_pass(c, 0);
  dyad_doc *doc = c->doc;
  coref saved = *c->cr;
  sentctx c0 = *c;
  size_t events = doc->n_events, trace_len = doc->trace.len;
  size_t amentions = doc->n_amentions;
  if (code_sentence_pass(c, 0))
    return -1;
  /* Only subordinate codes ("said") leave TABARI's other verbs to try. */
  if ((doc->n_events > events + (size_t)c->n_sub_ev) || doc->trace.failed ||
      c->discard || mark_peer_verbs(c) == 0)
    return 0;
  *c->cr = saved;
  *c = c0;
  doc->n_events = events;
  doc->n_amentions = amentions;
  doc->trace.len = trace_len;
  return code_sentence_pass(c, 1);
}

/* TABARI reads words whatever their case, so a sentence written all in
 * capitals ("ARNOR IS ABOUT TO RESTORE ...") is coded as the same sentence
 * in ordinary case: the tagger sees its words in lower case, the first
 * capitalised.  Returns nonzero when the sentence is still to be tagged. */
static int tag_all_caps(const dyad_engine *e, dyad_doc *doc, dyad__token *t,
                        uint32_t n) {
  if (!(e->opts.flags & DYAD_OPT_PEER) ||
      (e->dict->peer_format & DYAD__PEER_PETRARCH))
    return 1;
  uint32_t words = 0;
  for (uint32_t k = 0; k < n; k++) {
    int letters = 0;
    for (uint32_t j = 0; j < t[k].len; j++) {
      unsigned char ch = (unsigned char)t[k].s[j];
      if (ch >= 'a' && ch <= 'z')
        return 1;
      letters |= ch >= 'A' && ch <= 'Z';
    }
    words += (uint32_t)letters;
  }
  if (words < 3)
    return 1;
  const char *saved[256];
  if (n > 256)
    return 1;
  int first = 1;
  for (uint32_t k = 0; k < n; k++) {
    saved[k] = t[k].s;
    char *w = dyad__arena_strndup(&doc->arena, t[k].lower, t[k].len);
    if (!w)
      return 1;
    if (first && w[0] >= 'a' && w[0] <= 'z') {
      w[0] = (char)(w[0] - 'a' + 'A');
      first = 0;
    }
    t[k].s = w;
  }
  dyad__tagger_tag(e->tagger, t, n);
  for (uint32_t k = 0; k < n; k++)
    t[k].s = saved[k];
  return 0;
}

/* Lemmas already found in the document, by word and tag: a word repeated
 * (a name, "said", "talks") is lemmatised once.  Direct-mapped; the strings
 * are the document's. */
#define LEMMA_MEMO 256u
typedef struct lemma_memo {
  const char *word; /* a token's lower-case form, or NULL */
  const char *lemma;
  uint32_t len, lemma_len;
  uint8_t tag;
  uint8_t same; /* the lemma is the word itself */
} lemma_memo;

/* Tags whose lemma takes more than a copy (the exception lists and word
 * lists of lemma.c are searched). */
static int lemma_works(int tag) {
  return DYAD__IS_VERB(tag) || tag == DYAD__T_MD || tag == DYAD__T_NNS ||
         tag == DYAD__T_NNPS || tag == DYAD__T_JJR || tag == DYAD__T_JJS ||
         tag == DYAD__T_RBR || tag == DYAD__T_RBS;
}

dyad_status dyad__code_doc(const dyad_engine *e, dyad_doc *doc) {
  coref cr;
  memset(&cr, 0, sizeof cr);
  lemma_memo memo[LEMMA_MEMO];
  memset(memo, 0, sizeof memo);
  /* Chunks, actors of phrases and per-token tables live in a scratch arena
   * reset after every sentence; only what events point to stays in the
   * document's arena, so memory follows the events, not the text. */
  dyad__arena scratch;
  dyad__arena_init(&scratch, doc->arena.cap);
  dyad_status st = DYAD_OK;
  for (size_t i = 0; i < doc->n_sents; i++) {
    const dyad__sentence *s = &doc->sents[i];
    dyad__token *t = doc->toks + s->first;
    if (tag_all_caps(e, doc, t, s->count))
      dyad__tagger_tag(e->tagger, t, s->count);
    for (uint32_t k = 0; k < s->count; k++) {
      lemma_memo *m = NULL;
      if (lemma_works(t[k].tag)) {
        m = &memo[word_bit(t[k].lower, t[k].len) % LEMMA_MEMO];
        if (m->word && m->tag == t[k].tag && m->len == t[k].len &&
            memcmp(m->word, t[k].lower, t[k].len) == 0) {
          t[k].lemma = m->same ? t[k].lower : m->lemma;
          t[k].lemma_len = m->lemma_len;
          continue;
        }
      }
      char buf[256];
      size_t n = dyad__lemma(t[k].lower, t[k].len, t[k].tag, buf, sizeof buf);
      if (n == t[k].len && memcmp(buf, t[k].lower, n) == 0) {
        t[k].lemma = t[k].lower;
      } else {
        t[k].lemma = dyad__arena_strndup(&doc->arena, buf, n);
        if (!t[k].lemma) {
          dyad__arena_free(&scratch);
          return doc->arena.too_large ? DYAD_ERR_TOO_LARGE : DYAD_ERR_NOMEM;
        }
      }
      t[k].lemma_len = (uint32_t)n;
      if (m) {
        m->word = t[k].lower;
        m->len = t[k].len;
        m->tag = t[k].tag;
        m->same = t[k].lemma == t[k].lower;
        m->lemma = t[k].lemma;
        m->lemma_len = t[k].lemma_len;
      }
    }
    sentctx c;
    memset(&c, 0, sizeof c);
    c.e = e;
    c.doc = doc;
    c.s = s;
    c.cr = &cr;
    c.scratch = &scratch;
    c.last_target_vg = -1;
    if (code_sentence(&c) != 0 || doc->trace.failed) {
      st = doc->arena.too_large || scratch.too_large ? DYAD_ERR_TOO_LARGE
                                                     : DYAD_ERR_NOMEM;
      break;
    }
    dyad__arena_reset(&scratch);
  }
  dyad__arena_free(&scratch);
  return st;
}
