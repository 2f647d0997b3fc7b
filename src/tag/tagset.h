/* tagset.h -- dyad's part-of-speech tags: the Penn Treebank set.
 *
 * The tagger is trained on the Brown corpus, whose tags are mapped onto this
 * set by tools/train_tagger.  The order here is the model's tag numbering:
 * append only, never renumber (the committed model depends on it).
 */
#ifndef DYAD_TAGSET_H
#define DYAD_TAGSET_H

#define DYAD__TAGS(X)                                                        \
  X(NONE, "-NONE-") X(CC, "CC") X(CD, "CD") X(DT, "DT") X(EX, "EX")         \
  X(FW, "FW") X(IN, "IN") X(JJ, "JJ") X(JJR, "JJR") X(JJS, "JJS")           \
  X(LS, "LS") X(MD, "MD") X(NN, "NN") X(NNS, "NNS") X(NNP, "NNP")           \
  X(NNPS, "NNPS") X(PDT, "PDT") X(POS, "POS") X(PRP, "PRP")                 \
  X(PRPS, "PRP$") X(RB, "RB") X(RBR, "RBR") X(RBS, "RBS") X(RP, "RP")       \
  X(SYM, "SYM") X(TO, "TO") X(UH, "UH") X(VB, "VB") X(VBD, "VBD")           \
  X(VBG, "VBG") X(VBN, "VBN") X(VBP, "VBP") X(VBZ, "VBZ") X(WDT, "WDT")     \
  X(WP, "WP") X(WPS, "WP$") X(WRB, "WRB") X(COMMA, ",") X(PERIOD, ".")      \
  X(COLON, ":") X(LQUOTE, "``") X(RQUOTE, "''") X(LPAREN, "(")              \
  X(RPAREN, ")") X(DOLLAR, "$") X(HASH, "#")

typedef enum dyad__tag {
#define X(id, name) DYAD__T_##id,
  DYAD__TAGS(X)
#undef X
      DYAD__T_COUNT
} dyad__tag;

/* The tag's name ("NN"), or "?" for a number out of range. */
const char *dyad__tag_name(int tag);
/* The tag for a name, or -1. */
int dyad__tag_from_name(const char *name);

#define DYAD__IS_NOUN(t) ((t) >= DYAD__T_NN && (t) <= DYAD__T_NNPS)
#define DYAD__IS_VERB(t) ((t) >= DYAD__T_VB && (t) <= DYAD__T_VBZ)
#define DYAD__IS_ADJ(t) ((t) >= DYAD__T_JJ && (t) <= DYAD__T_JJS)
#define DYAD__IS_ADV(t) ((t) >= DYAD__T_RB && (t) <= DYAD__T_RBS)

#endif
