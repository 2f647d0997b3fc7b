/* test_quotes.c -- unit tests of the quotation finder and the speaker cues
 * (src/text/quotes.c).
 *
 * Quotes: straight and curly marks, offsets of the marks and of the
 * content, a quote over three paragraphs, one never closed, a new opening
 * mark after an unclosed one, nested single quotes (with a possessive
 * inside), apostrophes that are not marks (Kyiv's, don't, the '90s, rock
 * 'n' roll, Jesus'), headline single quotes, stray marks, MT noise after a
 * closing mark, paragraphs found by indent, invalid UTF-8, the capacity.
 * Speakers: cue before (said, / said: / said of ..., / told reporters:),
 * after (X said / said X / according to X / X, the ..., said / pronoun),
 * headline X: "...", none, succession and continuation, reported
 * "according to" statements.  The seed article's four quotes.  Random
 * documents: invariants, paragraphs as the tokenizer counts them, bounded
 * output, and linear time on 1 MB built against the finder's searches.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "../../src/text/quotes.h"

#include "text_doc.h"

#define QMAX 64

typedef struct qdoc {
  const char *s;
  doc d;
  dyad__quote q[QMAX];
  size_t nq;
  dyad__reported r[8];
  size_t nr;
} qdoc;

/* Runs the text stage, the finder and the speaker cues on s. */
static void qrun_len(qdoc *x, const char *s, size_t len) {
  x->s = s;
  run(&x->d, s, len);
  x->nq = dyad__quotes_find(&x->d.t, x->q, QMAX);
  dyad__quotes_speakers(x->d.toks, x->d.n, x->d.sents, x->d.ns, x->q, x->nq);
  x->nr = dyad__reported_find(x->d.toks, x->d.n, x->d.sents, x->d.ns, x->r, 8);
}

static void qrun(qdoc *x, const char *s) { qrun_len(x, s, strlen(s)); }

/* Asserts that s[a..b) is exp. */
static void expect_text(const char *s, uint32_t a, uint32_t b,
                        const char *exp) {
  if (a == UINT32_MAX || b < a || b - a != strlen(exp) ||
      memcmp(s + a, exp, b - a) != 0)
    fail_msg("got \"%.*s\", wanted \"%s\"",
             a == UINT32_MAX || b < a ? 6 : (int)(b - a),
             a == UINT32_MAX || b < a ? "(none)" : s + a, exp);
}

/* Asserts quote k's content, closing and links. */
static void expect_quote(const qdoc *x, size_t k, const char *content,
                         int closed, int continues, int nested_in) {
  if (k >= x->nq)
    fail_msg("%zu quotes, wanted quote %zu \"%s\"", x->nq, k, content);
  const dyad__quote *q = &x->q[k];
  expect_text(x->s, q->start, q->end, content);
  assert_int_equal(q->closed, closed);
  assert_int_equal(q->continues, continues);
  assert_int_equal(q->nested_in, nested_in);
  if (closed) {
    assert_int_equal(q->close, q->end);
  } else {
    assert_int_equal(q->close, UINT32_MAX);
  }
  assert_true(q->open < q->start);
}

/* Asserts quote k's cue (NULL: none). */
static void expect_cue(const qdoc *x, size_t k, const char *cue) {
  assert_true(k < x->nq);
  const dyad__quote *q = &x->q[k];
  if (!cue) {
    if (q->cue_first >= 0)
      fail_msg("quote %zu: cue \"%.*s\", wanted none", k,
               (int)(q->cue_end - q->cue_start), x->s + q->cue_start);
    assert_int_equal(q->cue_start, UINT32_MAX);
    return;
  }
  expect_text(x->s, q->cue_start, q->cue_end, cue);
  assert_true(q->cue_first >= 0 && q->cue_count >= 1);
  assert_int_equal(x->d.toks[q->cue_first].start, q->cue_start);
  assert_int_equal(x->d.toks[q->cue_first + q->cue_count - 1].end, q->cue_end);
}

/* Asserts quote k's reporting verb token (NULL: none). */
static void expect_verb(const qdoc *x, size_t k, const char *verb) {
  const dyad__quote *q = &x->q[k];
  if (!verb) {
    assert_int_equal(q->verb, -1);
    return;
  }
  assert_true(q->verb >= 0);
  const dyad__token *t = &x->d.toks[q->verb];
  expect_text(x->s, t->start, t->end, verb);
}

/* Offset of the n-th (from 0) occurrence of needle in s. */
static uint32_t nth(const char *s, const char *needle, int n) {
  const char *p = s;
  for (;;) {
    p = strstr(p, needle);
    assert_non_null(p);
    if (n-- == 0)
      return (uint32_t)(p - s);
    p++;
  }
}

/* ---- marks ------------------------------------------------------------ */

static void test_straight(void **state) {
  (void)state;
  qdoc x;
  const char *s = "Kishida said, \"We will win.\" Then he left.";
  qrun(&x, s);
  assert_int_equal(x.nq, 1);
  expect_quote(&x, 0, "We will win.", 1, -1, -1);
  assert_int_equal(x.q[0].open, nth(s, "\"", 0));
  assert_int_equal(x.q[0].close, nth(s, "\"", 1));
  assert_int_equal(x.q[0].para, 0);
  assert_int_equal(x.q[0].single, 0);
  expect_cue(&x, 0, "Kishida");
  expect_verb(&x, 0, "said");
  done(&x.d);
}

static void test_curly(void **state) {
  (void)state;
  qdoc x;
  /* “We will win.” and a nested ‘never’. */
  const char *s = "Kishida said, \xe2\x80\x9cWe told them \xe2\x80\x98never"
                  "\xe2\x80\x99 again.\xe2\x80\x9d Then he left.";
  qrun(&x, s);
  assert_int_equal(x.nq, 2);
  expect_quote(&x, 0, "We told them \xe2\x80\x98never\xe2\x80\x99 again.", 1,
               -1, -1);
  assert_memory_equal(s + x.q[0].open, "\xe2\x80\x9c", 3);
  assert_memory_equal(s + x.q[0].close, "\xe2\x80\x9d", 3);
  assert_int_equal(x.q[0].start, x.q[0].open + 3);
  expect_quote(&x, 1, "never", 1, -1, 0);
  assert_int_equal(x.q[1].single, 1);
  assert_memory_equal(s + x.q[1].open, "\xe2\x80\x98", 3);
  expect_cue(&x, 0, "Kishida");
  expect_cue(&x, 1, NULL); /* nested quotes get no cue */
  done(&x.d);

  /* German-style low mark and guillemets are marks too. */
  s = "Er sagte: \xe2\x80\x9eWir gewinnen.\xe2\x80\x9c Dann \xc2\xabnie"
      "\xc2\xbb mehr.";
  qrun(&x, s);
  assert_int_equal(x.nq, 2);
  expect_quote(&x, 0, "Wir gewinnen.", 1, -1, -1);
  expect_quote(&x, 1, "nie", 1, -1, -1);
  done(&x.d);
}

static void test_three_paragraphs(void **state) {
  (void)state;
  qdoc x;
  const char *s = "The minister said: \"First part of it.\n\n"
                  "\"Second part of it.\n\n"
                  "\"Third part,\" he added. Then nothing.\n\n"
                  "After that, \"a new one\" came.";
  qrun(&x, s);
  assert_int_equal(x.nq, 4);
  expect_quote(&x, 0, "First part of it.", 0, -1, -1);
  expect_quote(&x, 1, "Second part of it.", 0, 0, -1);
  expect_quote(&x, 2, "Third part,", 1, 1, -1);
  expect_quote(&x, 3, "a new one", 1, -1, -1);
  for (uint32_t k = 0; k < 4; k++)
    assert_int_equal(x.q[k].para, k);
  expect_cue(&x, 0, "The minister");
  expect_cue(&x, 1, NULL);
  assert_int_equal(x.q[1].speaker_from, 0);
  expect_cue(&x, 2, "he");
  expect_verb(&x, 2, "added");
  assert_int_equal(x.q[2].speaker_from, -1);
  assert_int_equal(x.q[3].speaker_from, -1);
  done(&x.d);

  /* Attribution only at the end: the earlier pieces take it from there. */
  s = "\"First.\n\n\"Second.\n\n\"Third,\" said Biden.";
  qrun(&x, s);
  assert_int_equal(x.nq, 3);
  expect_cue(&x, 2, "Biden");
  assert_int_equal(x.q[0].speaker_from, 2);
  assert_int_equal(x.q[1].speaker_from, 2);
  done(&x.d);
}

static void test_never_closed(void **state) {
  (void)state;
  qdoc x;
  const char *s = "He said \"we will win and left.  \n\n"
                  "The next day \"talks\" began.\n\n"
                  "Nothing else was said.";
  qrun(&x, s);
  assert_int_equal(x.nq, 2);
  expect_quote(&x, 0, "we will win and left.", 0, -1, -1);
  expect_quote(&x, 1, "talks", 1, -1, -1); /* no mark at the start: new */
  assert_int_equal(x.q[1].para, 1);
  done(&x.d);

  /* A paragraph opening with a mark after a closed quote does not
   * continue it. */
  s = "\"Closed,\" he said.\n\n\"Fresh start.\"";
  qrun(&x, s);
  assert_int_equal(x.nq, 2);
  expect_quote(&x, 1, "Fresh start.", 1, -1, -1);
  done(&x.d);
}

static void test_unbalanced(void **state) {
  (void)state;
  qdoc x;
  /* An inch mark can neither open nor close. */
  const char *s = "The 5\" gun fired. \"Yes,\" he said.";
  qrun(&x, s);
  assert_int_equal(x.nq, 1);
  expect_quote(&x, 0, "Yes,", 1, -1, -1);
  expect_cue(&x, 0, "he");
  done(&x.d);

  /* A mark that can only open ends the unclosed quote before it. */
  s = "\"First never closed. Then \"second one,\" she said.";
  qrun(&x, s);
  assert_int_equal(x.nq, 2);
  expect_quote(&x, 0, "First never closed. Then", 0, -1, -1);
  expect_quote(&x, 1, "second one,", 1, -1, -1);
  expect_cue(&x, 1, "she");
  done(&x.d);

  /* Copy that lost its paragraph breaks: a new mark after an unclosed
   * quote that ended a sentence continues it. */
  s = "Ms Hewitt said: \"We doubled it. \"We will extend it,\" she added.";
  qrun(&x, s);
  assert_int_equal(x.nq, 2);
  expect_quote(&x, 0, "We doubled it.", 0, -1, -1);
  expect_quote(&x, 1, "We will extend it,", 1, 0, -1);
  assert_int_equal(x.q[1].para, 0);
  expect_cue(&x, 0, "Ms Hewitt");
  expect_cue(&x, 1, "she");
  done(&x.d);

  /* A stray opening mark stops at its paragraph; a closing-looking stray
   * mark outside a quote is ignored. */
  s = "Prices rose\" sharply. He said \"maybe\n\nNo quote here. None.\n\n"
      "Still none.";
  qrun(&x, s);
  assert_int_equal(x.nq, 1);
  expect_quote(&x, 0, "maybe", 0, -1, -1);
  done(&x.d);

  /* MT noise: the quote ends at its closing mark. */
  s = "Kishida said, \"NATO is a partner.\" I was.";
  qrun(&x, s);
  assert_int_equal(x.nq, 1);
  expect_quote(&x, 0, "NATO is a partner.", 1, -1, -1);
  expect_cue(&x, 0, "Kishida");
  done(&x.d);

  /* Glued MT marks: said,"We ... win.",he said */
  s = "Kishida said,\"We will win.\",he said.";
  qrun(&x, s);
  assert_int_equal(x.nq, 1);
  expect_quote(&x, 0, "We will win.", 1, -1, -1);
  done(&x.d);
}

static void test_nested(void **state) {
  (void)state;
  qdoc x;
  const char *s = "\"They told me 'never again' and left,\" she said.";
  qrun(&x, s);
  assert_int_equal(x.nq, 2);
  expect_quote(&x, 0, "They told me 'never again' and left,", 1, -1, -1);
  expect_quote(&x, 1, "never again", 1, -1, 0);
  assert_int_equal(x.q[1].single, 1);
  assert_int_equal(x.q[1].open, nth(s, "'", 0));
  expect_cue(&x, 0, "she");
  done(&x.d);

  /* A possessive inside the nested quote is not its end. */
  s = "\"He called it 'the leaders' summit' today,\" she said.";
  qrun(&x, s);
  assert_int_equal(x.nq, 2);
  expect_quote(&x, 1, "the leaders' summit", 1, -1, 0);
  done(&x.d);

  /* Two nested quotes, one at the very start of the outer one. */
  s = "\"'No' means 'no',\" he said.";
  qrun(&x, s);
  assert_int_equal(x.nq, 3);
  expect_quote(&x, 1, "No", 1, -1, 0);
  expect_quote(&x, 2, "no", 1, -1, 0);
  done(&x.d);

  /* An elision inside a nested quote is not its end. */
  s = "\"She sang 'rock 'n' roll forever' twice,\" he said.";
  qrun(&x, s);
  assert_int_equal(x.nq, 2);
  expect_quote(&x, 1, "rock 'n' roll forever", 1, -1, 0);
  done(&x.d);

  /* A nested opening mark with no closing one is not a quote. */
  s = "\"They said 'never and left,\" she said.";
  qrun(&x, s);
  assert_int_equal(x.nq, 1);
  done(&x.d);
}

static void test_apostrophes(void **state) {
  (void)state;
  qdoc x;
  qrun(&x, "\"Kyiv's forces don't fear the '90s, rock 'n' roll or Jesus' "
           "words,\" he said.");
  assert_int_equal(x.nq, 1);
  done(&x.d);

  /* Headline-like paragraphs full of apostrophes. */
  qrun(&x, "Rock 'n' roll returns to Kyiv's clubs of the '90s\n\n"
           "Leaders' summit: 'em all in Jesus' town");
  assert_int_equal(x.nq, 0);
  done(&x.d);

  /* Single quotes in body text are left alone (only headlines count). */
  qrun(&x, "He called it 'a disgrace' on Monday. Then he left.");
  assert_int_equal(x.nq, 0);
  done(&x.d);
}

static void test_headline_single(void **state) {
  (void)state;
  qdoc x;
  const char *s = "'Peace is near,' Biden says\n\nThe talks went on.";
  qrun(&x, s);
  assert_int_equal(x.nq, 1);
  expect_quote(&x, 0, "Peace is near,", 1, -1, -1);
  assert_int_equal(x.q[0].single, 1);
  expect_cue(&x, 0, "Biden");
  expect_verb(&x, 0, "says");
  done(&x.d);

  s = "Zelensky: 'We will not give up'";
  qrun(&x, s);
  assert_int_equal(x.nq, 1);
  expect_quote(&x, 0, "We will not give up", 1, -1, -1);
  expect_cue(&x, 0, "Zelensky");
  expect_verb(&x, 0, NULL);
  done(&x.d);
}

static void test_indent_paragraphs(void **state) {
  (void)state;
  qdoc x;
  /* Reuters style: a line that ends a sentence and an indented line. */
  const char *s = "  He said \"it is over.\n  \"It is not,\" she said.\n"
                  "  \"Really\" not\n  \"new";
  qrun(&x, s);
  assert_int_equal(x.nq, 4);
  expect_quote(&x, 0, "it is over.", 0, -1, -1);
  expect_quote(&x, 1, "It is not,", 1, 0, -1);
  expect_quote(&x, 2, "Really", 1, -1, -1);
  /* "not" does not end a sentence: the last line is the same paragraph. */
  expect_quote(&x, 3, "new", 0, -1, -1);
  for (size_t k = 0; k < x.nq; k++) {
    size_t t = 0;
    while (x.d.toks[t].start != x.q[k].open)
      t++;
    assert_int_equal(x.q[k].para, x.d.toks[t].para);
  }
  assert_int_equal(x.q[3].para, 2);
  done(&x.d);
}

static void test_invalid_utf8(void **state) {
  (void)state;
  qdoc x;
  const char *s = "He said, \"\xff\xfe bad \xe2\x80 bytes \xc0\xaf,\" she said."
                  "\n\n\xe2\x80\x9c\xed\xa0\x80\xe2\x80";
  qrun(&x, s);
  assert_int_equal(x.nq, 2);
  expect_quote(&x, 0, "\xff\xfe bad \xe2\x80 bytes \xc0\xaf,", 1, -1, -1);
  expect_cue(&x, 0, "she");
  /* The unclosed quote ends at the end of the last (invalid) byte. */
  expect_quote(&x, 1, "\xed\xa0\x80\xe2\x80", 0, -1, -1);
  assert_int_equal(x.q[1].end, strlen(s));
  done(&x.d);
}

static void test_capacity(void **state) {
  (void)state;
  doc d;
  const char *s = "\"a\" \"c 'x' d\" \"e\"";
  run(&d, s, strlen(s));
  dyad__quote q[3];
  assert_int_equal(dyad__quotes_find(&d.t, q, 3), 3);
  assert_int_equal(q[2].nested_in, 1);
  assert_int_equal(dyad__quotes_find(&d.t, q, 0), 0);
  assert_int_equal(dyad__quotes_find(NULL, q, 3), 0);
  done(&d);
}

/* ---- speakers --------------------------------------------------------- */

/* Asserts that the one quote of s has cue (NULL: none) and verb. */
static void one_cue(const char *s, const char *cue, const char *verb) {
  qdoc x;
  qrun(&x, s);
  if (x.nq != 1)
    fail_msg("\"%s\": %zu quotes", s, x.nq);
  expect_cue(&x, 0, cue);
  if (cue)
    expect_verb(&x, 0, verb);
  done(&x.d);
}

static void test_cue_before(void **state) {
  (void)state;
  one_cue("Kishida said, \"We will win.\"", "Kishida", "said");
  one_cue("Secretary-General Stoltenberg said: \"We will win.\"",
          "Secretary-General Stoltenberg", "said");
  one_cue("On Monday, a senior official told reporters: \"We will win.\"",
          "a senior official", "told");
  one_cue("In Tokyo, Russia's foreign minister Sergei Lavrov also warned "
          "\"we will respond.\"",
          "Russia's foreign minister Sergei Lavrov", "warned");
  one_cue("After the talks the minister said, \"We will win.\"", "the minister",
          "said");
  one_cue("The leaders' spokesman stressed: \"We will win.\"",
          "The leaders' spokesman", "stressed");
  one_cue("Lord Nicholls of Birkenhead, in his ruling, said: \"It is wrong.\"",
          "Lord Nicholls of Birkenhead", "said");
  one_cue("Lord Hanningfield, leader of Essex County Council, told BBC Radio "
          "4's Today programme: \"We are going to the High Court.\"",
          "Lord Hanningfield", "told");
  one_cue(
      "Sources tell the FT. But Rover told BBC News it was \"speculation\".",
      "Rover", "told");
  one_cue("Kishida and Stoltenberg said: \"We agree.\"",
          "Kishida and Stoltenberg", "said");
  one_cue("She insisted that \"nothing changed.\"", "She", "insisted");
  one_cue("According to the ministry, \"five died.\"", "the ministry",
          "According");
}

static void test_cue_after(void **state) {
  (void)state;
  one_cue("\"We will win,\" Prime Minister Kishida said.",
          "Prime Minister Kishida", "said");
  one_cue("\"We will win,\" said a senior official who asked not to be "
          "named.",
          "a senior official", "said");
  one_cue("\"We will win,\" she said.", "she", "said");
  one_cue("\"We will win,\" Biden told reporters on Monday.", "Biden", "told");
  one_cue("\"We will win,\" according to the ministry.", "the ministry",
          "according");
  one_cue("\"We will win,\" Stoltenberg, the NATO chief, said.", "Stoltenberg",
          "said");
  one_cue("\"We will win,\" Biden later said.", "Biden", "said");
  one_cue("\"We will win\", the United States said.", "the United States",
          "said");
  one_cue("\"Why now?\" he asked.", "he", "asked");
  one_cue("\"We will win,\" the head of the IAEA said.", "the head of the IAEA",
          "said");
  one_cue("\"We will win,\" said the leaders' spokesman.",
          "the leaders' spokesman", "said");
  one_cue("\"We will win.\" Biden said.", "Biden", "said");
  one_cue("\"We will win,\" said Economic and Fiscal Policy Minister Heizo "
          "Takenaka.",
          "Economic and Fiscal Policy Minister Heizo Takenaka", "said");
  one_cue("\"We will win.\" he told reporters on Monday.", "he", "told");
  /* After a full stop, a sentence of its own is not an attribution. */
  one_cue("\"We will win.\" She said new talks were due.", NULL, NULL);
}

static void test_cue_participle(void **state) {
  (void)state;
  qdoc x;
  qrun(&x, "He said Mr Blair had spoken with \"such sincerity\", adding: "
           "\"He went beyond what we thought.\"");
  assert_int_equal(x.nq, 2);
  expect_cue(&x, 0, "He"); /* a partial quote: his words too */
  expect_cue(&x, 1, "He");
  expect_verb(&x, 1, "said");
  done(&x.d);

  one_cue("The minister was quoted as saying: \"We will win.\"", "The minister",
          "saying");
  one_cue("Mr Blair has been quoted as saying \"we will win.\"", "Mr Blair",
          "saying");
  one_cue("\"We will win,\" Mr Blair joked.", "Mr Blair", "joked");
}

static void test_cue_headline_and_none(void **state) {
  (void)state;
  /* The verb of another clause does not attribute the quote. */
  one_cue("Biden said the talks failed, and Putin's aides called it \"a "
          "disgrace\".",
          NULL, NULL);
  one_cue("Biden said the talks failed; aides called it \"a disgrace\".", NULL,
          NULL);
  one_cue("Biden: \"We will win\"", "Biden", NULL);
  one_cue("\"We will win.\" The talks ended.", NULL, NULL);
  one_cue("The talks ended: \"We will win\"", NULL, NULL); /* not a name */
  one_cue("\"We will win,\" he said to the States.", "he", "said");
}

static void test_speaker_from(void **state) {
  (void)state;
  qdoc x;
  qrun(&x, "\"A is true,\" Biden said.\n\n\"B is true.\"");
  assert_int_equal(x.nq, 2);
  expect_cue(&x, 1, NULL);
  assert_int_equal(x.q[1].speaker_from, 0);
  done(&x.d);

  qrun(&x, "\"A is true,\" Biden said. \"B is true.\"");
  assert_int_equal(x.q[1].speaker_from, 0);
  done(&x.d);

  /* A paragraph that opens with a quote after a paragraph with one. */
  qrun(&x, "\"A is true,\" Biden said. He added more.\n\n\"B is true.\"");
  assert_int_equal(x.nq, 2);
  assert_int_equal(x.q[1].speaker_from, 0);
  done(&x.d);

  /* ... but not two paragraphs after it. */
  qrun(&x, "\"A is true,\" Biden said.\n\nHe added more.\n\n\"B is true.\"");
  assert_int_equal(x.nq, 2);
  assert_int_equal(x.q[1].speaker_from, -1);
  done(&x.d);

  /* Other sentences between them: nobody can tell. */
  qrun(&x, "\"A is true,\" Biden said.\n\nPutin disagreed. Then he left. "
           "\"B is true.\"");
  assert_int_equal(x.nq, 2);
  assert_int_equal(x.q[1].speaker_from, -1);
  done(&x.d);

  /* The earlier quote has no known speaker either. */
  qrun(&x, "\"A is true.\"\n\n\"B is true.\"");
  assert_int_equal(x.q[1].speaker_from, -1);
  done(&x.d);
}

static void test_reported(void **state) {
  (void)state;
  qdoc x;
  const char *s = "According to the ministry, five soldiers died. "
                  "Ten more were hurt, according to Ukrainian officials. "
                  "\"Five died,\" according to officials. "
                  "They met according to plan. "
                  "According to the WSJ, which cites sources, the deal is off.";
  qrun(&x, s);
  assert_int_equal(x.nr, 3);
  expect_text(s, x.r[0].start, x.r[0].end, "five soldiers died");
  expect_text(s, x.r[0].cue_start, x.r[0].cue_end, "the ministry");
  assert_int_equal(x.r[0].sent, 0);
  expect_text(s, x.r[1].start, x.r[1].end, "Ten more were hurt");
  expect_text(s, x.r[1].cue_start, x.r[1].cue_end, "Ukrainian officials");
  assert_int_equal(x.r[1].sent, 1);
  expect_text(s, x.r[2].start, x.r[2].end, "the deal is off");
  expect_text(s, x.r[2].cue_start, x.r[2].cue_end, "the WSJ");
  done(&x.d);
}

/* ---- the seed --------------------------------------------------------- */

/* Reads the seed article (examples/seed.txt from the repository root, or
 * the shared copy); NULL when missing. */
static char *read_seed(size_t *len) {
  static const char *const paths[] = {
      "examples/seed.txt", "../../examples/seed.txt",
      "../shared/seed/000_435aa08a819ac924.txt"};
  for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
    FILE *f = fopen(paths[i], "rb");
    if (!f)
      continue;
    char *buf = malloc(1 << 16);
    size_t n = buf ? fread(buf, 1, 1 << 16, f) : 0;
    fclose(f);
    if (!buf)
      return NULL;
    *len = n;
    return buf;
  }
  return NULL;
}

/* Asserts that s[a..b) starts with head and ends with tail. */
static void expect_ends(const char *s, uint32_t a, uint32_t b, const char *head,
                        const char *tail) {
  size_t hl = strlen(head), tl = strlen(tail);
  if (b - a < hl || b - a < tl || memcmp(s + a, head, hl) != 0 ||
      memcmp(s + b - tl, tail, tl) != 0)
    fail_msg("\"%.*s\" is not \"%s...%s\"", (int)(b - a), s + a, head, tail);
}

static void test_seed(void **state) {
  (void)state;
  size_t len = 0;
  char *s = read_seed(&len);
  if (!s)
    fail_msg("examples/seed.txt not found (run from the repository root)");
  qdoc x;
  qrun_len(&x, s, len);
  assert_int_equal(x.nq, 4);
  const dyad__quote *q = x.q;

  expect_ends(s, q[0].start, q[0].end, "NATO is an important partner",
              "making significant progress.");
  assert_int_equal(q[0].closed, 1);
  assert_memory_equal(s + q[0].close, "\" I was.", 8);
  expect_cue(&x, 0, "Prime Minister Kishida");

  expect_ends(s, q[1].start, q[1].end, "This war is not just a European",
              "what happens in");
  assert_int_equal(q[1].closed, 0);
  assert_int_equal(q[1].continues, -1);
  assert_int_equal(s[q[1].end], '\n');
  expect_cue(&x, 1, "Secretary-General Stoltenberg");

  expect_ends(s, q[2].start, q[2].end, "China is threatening Taiwan",
              "and the war in Ukraine.");
  assert_int_equal(q[2].closed, 1);
  assert_int_equal(q[2].continues, 1);
  assert_int_equal(q[2].para, q[1].para + 1);
  expect_cue(&x, 2, NULL);
  assert_int_equal(q[2].speaker_from, 1);

  expect_ends(s, q[3].start, q[3].end, "China is not our enemy",
              "to deal with it,");
  assert_int_equal(q[3].closed, 1);
  assert_int_equal(q[3].continues, -1);
  assert_int_equal(q[3].para, q[2].para);
  expect_cue(&x, 3, "he");
  expect_verb(&x, 3, "said");
  assert_int_equal(q[3].speaker_from, -1);

  for (size_t k = 0; k < 4; k++) {
    assert_int_equal(q[k].nested_in, -1);
    assert_int_equal(q[k].single, 0);
  }
  assert_int_equal(x.nr, 0);
  done(&x.d);
  free(s);
}

/* ---- random documents ------------------------------------------------- */

static uint32_t rng_state = 12345;
static uint32_t rnd(void) {
  rng_state = rng_state * 1664525u + 1013904223u;
  return rng_state >> 8;
}

/* Whether orig[off] is a quotation mark (straight, or one the
 * normaliser makes straight). */
static int is_mark_at(const char *s, size_t len, uint32_t off) {
  const unsigned char *u = (const unsigned char *)s + off;
  if (off >= len)
    return 0;
  if (u[0] == '"' || u[0] == '\'')
    return 1;
  if (u[0] == 0xC2 && off + 1 < len)
    return u[1] == 0xAB || u[1] == 0xBB;
  if (u[0] == 0xE2 && off + 2 < len && u[1] == 0x80)
    return u[2] >= 0x98 && u[2] <= 0x9F;
  if (u[0] == 0xCA && off + 1 < len)
    return u[1] == 0xBC;
  return 0;
}

/* Index of the token holding offset off, or -1. */
static long token_holding(const doc *d, uint32_t off) {
  size_t lo = 0, hi = d->n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (d->toks[mid].start <= off)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo == 0 || d->toks[lo - 1].end <= off)
    return -1;
  return (long)lo - 1;
}

/* Checks every invariant of the quotes of s against its tokens. */
static void check_invariants(const char *s, size_t len, const doc *d,
                             const dyad__quote *q, size_t nq) {
  for (size_t i = 0; i < nq; i++) {
    const dyad__quote *x = &q[i];
    assert_true(x->open < x->start);
    assert_true(x->start < x->end);
    assert_true(x->end <= len);
    assert_true(is_mark_at(s, len, x->open));
    if (x->closed) {
      assert_int_equal(x->close, x->end);
      assert_true(is_mark_at(s, len, x->close));
    } else {
      assert_int_equal(x->close, UINT32_MAX);
    }
    long to = token_holding(d, x->open);
    long te = token_holding(d, x->end - 1);
    assert_true(to >= 0);
    /* Paragraphs as the tokenizer counts them, and never crossed. */
    assert_int_equal(d->toks[to].para, x->para);
    if (te >= 0)
      assert_int_equal(d->toks[te].para, x->para);
    if (x->continues >= 0) {
      assert_true((size_t)x->continues < i);
      assert_int_equal(q[x->continues].closed, 0);
      assert_true(q[x->continues].para == x->para ||
                  q[x->continues].para + 1 == x->para);
    }
    if (x->nested_in >= 0) {
      const dyad__quote *o = &q[x->nested_in];
      assert_true((size_t)x->nested_in < i);
      assert_true(x->single);
      assert_true(o->start <= x->open && x->end <= o->end);
    }
    if (i > 0)
      assert_true(q[i - 1].open < x->open);
    if (x->cue_first >= 0) {
      assert_true(x->cue_count >= 1 && x->cue_count <= DYAD__CUE_MAX);
      assert_true((size_t)(x->cue_first + x->cue_count) <= d->n);
    }
    if (x->speaker_from >= 0) {
      assert_true((size_t)x->speaker_from < nq);
      assert_true(q[x->speaker_from].cue_first >= 0);
    }
  }
}

/* Many small documents rich in marks, breaks, indents and full stops. */
static void test_random_small(void **state) {
  (void)state;
  static const char *const bits[] = {"\"",
                                     "'",
                                     " ",
                                     "\n",
                                     "\n\n",
                                     "  ",
                                     ". ",
                                     "said",
                                     " he said",
                                     "A",
                                     "b",
                                     ",",
                                     ":",
                                     "\xe2\x80\x9c",
                                     "\xe2\x80\x9d",
                                     "\xe2\x80\x98",
                                     "`",
                                     "``",
                                     ")",
                                     "?",
                                     "\xff",
                                     "\xc2\x85",
                                     "\xc2\x90",
                                     "-",
                                     "s' ",
                                     "'90s"};
  size_t nb = sizeof(bits) / sizeof(bits[0]);
  char buf[512];
  static dyad__quote q[QMAX];
  for (int it = 0; it < 3000; it++) {
    size_t len = 0, want = 20 + rnd() % 100;
    for (size_t k = 0; k < want; k++) {
      const char *b = bits[rnd() % nb];
      size_t bl = strlen(b);
      if (len + bl >= sizeof(buf))
        break;
      memcpy(buf + len, b, bl);
      len += bl;
    }
    doc d;
    run(&d, buf, len);
    size_t nq = dyad__quotes_find(&d.t, q, QMAX);
    dyad__quotes_speakers(d.toks, d.n, d.sents, d.ns, q, nq);
    check_invariants(buf, len, &d, q, nq);
    done(&d);
  }
}

/* 1 MB of random marks, words and breaks: invariants and bounded output. */
static void test_random_megabyte(void **state) {
  (void)state;
  size_t len = (size_t)1 << 20;
  char *s = malloc(len);
  assert_non_null(s);
  static const char alpha[] = "\"\"\"''' \n abcXY.,:-";
  for (size_t i = 0; i < len; i++)
    s[i] = alpha[rnd() % (sizeof(alpha) - 1)];
  doc d;
  run(&d, s, len);
  dyad__quote *q = malloc(DYAD__QUOTE_MAX * sizeof(*q));
  assert_non_null(q);
  size_t nq = dyad__quotes_find(&d.t, q, DYAD__QUOTE_MAX);
  assert_int_equal(nq, DYAD__QUOTE_MAX); /* far more than the cap */
  dyad__quotes_speakers(d.toks, d.n, d.sents, d.ns, q, nq);
  check_invariants(s, len, &d, q, nq);
  done(&d);
  free(q);
  free(s);
}

/* Documents built against the searches (one paragraph-long quote full of
 * single-quote openers and possessives, mark after mark, a line per mark):
 * 1 MB each must take well under a second, not the hours a quadratic
 * search would. */
static void test_linear_time(void **state) {
  (void)state;
  static const char *const unit[] = {"'as' x ", "'a ",         "\" ",
                                     "a\"b ",   "\"\n  \"a. ", "s' a 'b "};
  size_t len = (size_t)1 << 20;
  char *s = malloc(len + 1);
  dyad__quote *q = malloc(DYAD__QUOTE_MAX * sizeof(*q));
  assert_non_null(s);
  assert_non_null(q);
  for (size_t u = 0; u < sizeof(unit) / sizeof(unit[0]); u++) {
    size_t ul = strlen(unit[u]), n = 1;
    s[0] = '"';
    while (n + ul < len) {
      memcpy(s + n, unit[u], ul);
      n += ul;
    }
    dyad__arena a;
    dyad__text t;
    dyad__arena_init(&a, 0);
    assert_int_equal(dyad__text_normalize(&a, s, n, &t), 0);
    clock_t c0 = clock();
    size_t nq = dyad__quotes_find(&t, q, DYAD__QUOTE_MAX);
    double secs = (double)(clock() - c0) / CLOCKS_PER_SEC;
    assert_true(nq <= DYAD__QUOTE_MAX);
    if (secs > 2.0)
      fail_msg("pattern %zu: %.2f s for 1 MB", u, secs);
    dyad__arena_free(&a);
  }
  free(q);
  free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_straight),
      cmocka_unit_test(test_curly),
      cmocka_unit_test(test_three_paragraphs),
      cmocka_unit_test(test_never_closed),
      cmocka_unit_test(test_unbalanced),
      cmocka_unit_test(test_nested),
      cmocka_unit_test(test_apostrophes),
      cmocka_unit_test(test_headline_single),
      cmocka_unit_test(test_indent_paragraphs),
      cmocka_unit_test(test_invalid_utf8),
      cmocka_unit_test(test_capacity),
      cmocka_unit_test(test_cue_before),
      cmocka_unit_test(test_cue_after),
      cmocka_unit_test(test_cue_participle),
      cmocka_unit_test(test_cue_headline_and_none),
      cmocka_unit_test(test_speaker_from),
      cmocka_unit_test(test_reported),
      cmocka_unit_test(test_seed),
      cmocka_unit_test(test_random_small),
      cmocka_unit_test(test_random_megabyte),
      cmocka_unit_test(test_linear_time),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
