#!/bin/sh
# run_inputs.sh DYAD -- `dyad code` on TABARI text records and PETRARCH XML
# (cli/input_tabari.c, cli/input_petrarch.c): events carry each record's id
# and date, comments and <Parse> are not coded, --input auto tells the
# formats apart, and malformed input is named (file:line), skipped and
# counted (exit 1) while the rest is still coded.  When ../shared/peers is
# there, the peers' own files (TABARI Validate.text, PETRARCH
# PETR.UnitTest.records.xml) must read without a skipped record.
#
# Inputs are generated in a temporary directory.  Prints "ok - NAME" or
# "not ok - NAME" per check, then a summary; exits 1 when any check failed.
set -eu

. "$(dirname "$0")/lib.sh"
harness_dyad run_inputs "$@"
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED:-$ROOT/../shared}
case $SHARED in /*) ;; *) SHARED=$ROOT/$SHARED ;; esac
harness_tmp inputs
harness_timeout

# event ID DATE CODE: an event of document ID, dated DATE, with CAMEO CODE.
event() {
  grep -F -- "\"doc_id\":\"$1\"" out | grep -F -- "\"date\":\"$2\"" |
    grep -F -q -- "\"code\":\"$3\""
}

# ===== TABARI records =====

# Header forms: "YYMMDD ID", two blanks, "YYMMDD*ID", "YYYYMMDD ID"; '#'
# lines between records; comments inline, over lines, and left open.
cat > recs.txt << 'EOF'
##################################################
#   a TABARI text file
##################################################

950101 R-95
Russia attacked Ukraine.
/*\n---------------------------------------------------------
\n[China attacked Japan: inside a comment, never coded]
\n{ RUS / UKR / 190 } */

200224  R-20
Russia attacked
Ukraine./* China attacked Japan. */

491231*R-49
Russia attacked Ukraine. /* China attacked Japan.

20230102 R-2023 CEP2023
Russia attacked Ukraine.
EOF
run code --input tabari recs.txt
expect "tabari: one document per record, ids and YYMMDD dates (pivot 50)" 0 \
  'event R-95 1995-01-01 190' 'event R-20 2020-02-24 190' \
  'event R-49 2049-12-31 190' 'event R-2023 2023-01-02 190' \
  '[ "$(lines)" -eq 4 ]' 'valid_out'
expect "tabari: comments are not coded" 0 'no_text CHN' 'no_text JPN'

run code recs.txt
expect "tabari: auto-detected after '#' lines" 0 '[ "$(lines)" -eq 4 ]' \
  'event R-95 1995-01-01 190'

run_stdin recs.txt code -
expect "tabari: auto-detected on a pipe" 0 '[ "$(lines)" -eq 4 ]' \
  'event R-20 2020-02-24 190'

run code --format tsv --input tabari recs.txt
expect "tabari: TSV output carries id and date" 0 \
  'grep -q "^R-49	2049-12-31	" out'

# Malformed records: text with no header, a date that is not a date, an
# over-long record; the good records around them are still coded.
cat > bad.txt << 'EOF'
950101 OK-1
Russia attacked Ukraine.

Text with no header line.
Russia attacked Ukraine.

951301 BAD-DATE
Russia attacked Ukraine.

950102 OK-2
Russia attacked Ukraine.
EOF
run code --input tabari bad.txt
expect "tabari: text without a header named file:line, skipped, exit 1" 1 \
  'has_err "bad.txt:4: text without a '"'"'YYMMDD ID'"'"' line"' \
  'event OK-1 1995-01-01 190' 'event OK-2 1995-01-02 190' \
  '[ "$(lines)" -eq 2 ]'
expect "tabari: a date that is no date named file:line, skipped" 1 \
  'has_err "bad.txt:7: '"'"'951301'"'"' is not a date"' 'no_doc BAD-DATE' \
  'has_err "2 inputs skipped"'

{
  printf '950101 SMALL\nRussia attacked Ukraine.\n\n950101 BIG\n'
  i=0
  while [ $i -lt 200 ]; do
    echo "Russia attacked Ukraine on a long day of fighting."
    i=$((i + 1))
  done
  printf '\n950102 AFTER\nRussia attacked Ukraine.\n'
} > big.txt
run code --input tabari --max-doc-bytes 2000 big.txt
expect "tabari: record over --max-doc-bytes named and skipped" 1 \
  'has_err "big.txt:4: record over 2000 bytes"' 'no_doc BIG' \
  'event SMALL 1995-01-01 190' 'event AFTER 1995-01-02 190'

# Binary garbage, even with a header-like start.
{
  printf '950101 X\n'
  LC_ALL=C awk 'BEGIN { x = 7; for (i = 0; i < 6000; i++) {
    x = (x * 75 + 74) % 65537; printf "%c", x % 256 } }'
} > garbage.txt
run code --input tabari garbage.txt
expect "tabari: binary data named and skipped" 1 \
  'has_err "garbage.txt:1: binary data"' '[ "$(lines)" -eq 0 ]'
run code garbage.txt
expect "auto: binary data with a header-like start never crashes" 1 \
  'has_err "garbage.txt:1"'

# Invalid UTF-8 inside a record: named by the record, still coded.
printf '950101 U-1\nRussia attacked Ukraine. \377\n\n' > utf.txt
run code utf.txt
expect "tabari: invalid UTF-8 named by record, still coded" 0 \
  'has_err "utf.txt:1: invalid UTF-8"' 'event U-1 1995-01-01 190' \
  'valid_out'

# Plain text that starts with digits stays plain text.
printf '2023 was a hard year.\nRussia attacked Ukraine.\n' > plain.txt
run code --date 2023-05-01 plain.txt
expect "auto: text starting with digits is plain text" 0 \
  'event plain.txt 2023-05-01 190'

# ===== PETRARCH XML =====

cat > sents.xml << 'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<Sentences>
<!-- GigaWord-style sentences -->
<Sentence date="20080801" id="AFP_ENG_20080801.0001-1" source="AFP" sentence="True">
<Text>
Russia attacked Ukraine.
</Text>
<Parse>
(ROOT (S (NP (NNP China)) (VP (VBD attacked) (NP (NNP Japan))) (. .)))
</Parse>
</Sentence>
<Sentence date = "19950101" id ="DEMO-00" category="DEMO" sentence="true">
<EventCoding sourcecode="RUS" targetcode="UKR" eventcode="190"></EventCoding>
<Text>Russia &amp; its allies attacked Ukraine.</Text>
</Sentence>
</Sentences>
EOF
run code sents.xml
expect "petrarch: one document per sentence, ids and YYYYMMDD dates" 0 \
  'event AFP_ENG_20080801.0001-1 2008-08-01 190' \
  'event DEMO-00 1995-01-01 190' 'valid_out'
expect "petrarch: <Parse> and <EventCoding> are not coded" 0 \
  'no_text CHN' 'no_text JPN' 'grep -F -q "Russia & its allies" out'

cp sents.xml sents.data
run code sents.data
expect "petrarch: auto-detected by a first '<'" 0 \
  'event DEMO-00 1995-01-01 190'
run_stdin sents.xml code --input petrarch -
expect "petrarch: --input petrarch on a pipe" 0 \
  'event AFP_ENG_20080801.0001-1 2008-08-01 190'

# An unclosed <Text>: that sentence is skipped (named by line), the ones
# around it are coded.
cat > unclosed.xml << 'EOF'
<Sentences>
<Sentence date="20200101" id="A"><Text>Russia attacked Ukraine.</Text></Sentence>
<Sentence date="20200102" id="B"><Text>Russia attacked Ukraine.</Sentence>
<Sentence date="20200103" id="C"><Text>Russia attacked Ukraine.</Text></Sentence>
</Sentences>
EOF
run code unclosed.xml
expect "petrarch: unclosed tag named file:line, sentence skipped, exit 1" 1 \
  'has_err "unclosed.xml:3: malformed XML"' 'event A 2020-01-01 190' \
  'event C 2020-01-03 190' 'no_doc B'

# Truncated in the middle of a sentence.
head -c 200 unclosed.xml > truncated.xml
run code truncated.xml
expect "petrarch: truncated file named file:line, earlier sentences coded" 1 \
  'has_err "truncated.xml:3:"' 'event A 2020-01-01 190' 'no_doc B'

# Missing and bad dates, no <Text>, over-long text, an undefined entity.
cat > badsent.xml << 'EOF'
<Sentences>
<Sentence id="NODATE"><Text>Russia attacked Ukraine.</Text></Sentence>
<Sentence date="2020" id="SHORT"><Text>Russia attacked Ukraine.</Text></Sentence>
<Sentence date="20200101" id="NOTEXT"></Sentence>
<Sentence date="20200101" id="ENT"><Text>Russia &bogus; attacked Ukraine.</Text></Sentence>
<Sentence date="20200101" id="LONG"><Text>Russia attacked Ukraine on the longest day of a long war.</Text></Sentence>
<Sentence date="20200105" id="GOOD"><Text>Russia attacked Ukraine.</Text></Sentence>
</Sentences>
EOF
run code --max-doc-bytes 40 badsent.xml
expect "petrarch: sentence without date named and skipped" 1 \
  'has_err "badsent.xml:2: <Sentence> without a date"' 'no_doc NODATE'
expect "petrarch: bad date, no <Text>, entity, over-long: each named" 1 \
  'has_err "badsent.xml:3: date"' \
  'has_err "badsent.xml:4: <Sentence> without <Text>"' \
  'has_err "badsent.xml:5: malformed XML"' \
  'has_err "badsent.xml:6: sentence text over 40 bytes"' \
  'has_err "5 inputs skipped"' 'event GOOD 2020-01-05 190' \
  '[ "$(lines)" -eq 1 ]'

# Entities and DTDs: never loaded or expanded.
cat > ent.xml << 'EOF'
<?xml version="1.0"?>
<!DOCTYPE Sentences [
<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
<!ENTITY x SYSTEM "file:///etc/passwd">
]>
<Sentences>
<Sentence date="20200101" id="E1"><Text>&c; Russia attacked Ukraine.</Text></Sentence>
<Sentence date="20200101" id="E2"><Text>&x; Russia attacked Ukraine.</Text></Sentence>
<Sentence date="20200101" id="E3"><Text>Russia attacked Ukraine.</Text></Sentence>
</Sentences>
EOF
run code ent.xml
expect "petrarch: declared entities not expanded, external ones not loaded" 1 \
  'no_doc E1' 'no_doc E2' 'event E3 2020-01-01 190' 'no_text root:' \
  'has_err "ent.xml:9:"'

# Not XML at all.
LC_ALL=C awk 'BEGIN { x = 11; for (i = 0; i < 6000; i++) {
  x = (x * 75 + 74) % 65537; printf "%c", x % 256 } }' > garbage.xml
run code garbage.xml
expect "petrarch: binary garbage named file:line, skipped" 1 \
  'has_err "garbage.xml:1: malformed XML"' '[ "$(lines)" -eq 0 ]'
printf '<Sentences><Sentence date="20200101" id="Z"><Text>Russia \377 attacked' > cut.xml
run code cut.xml
expect "petrarch: invalid UTF-8 and a cut file never crash" 1 \
  'has_err "cut.xml:1:"' '[ "$(lines)" -eq 0 ]'

# Several inputs in one run: a bad XML file does not stop the next file.
run code unclosed.xml recs.txt
expect "mixed: XML then TABARI in one run" 1 \
  'event A 2020-01-01 190' 'event R-95 1995-01-01 190'

# ===== Options =====
run code --input tabary recs.txt
expect "--input tabary: usage error naming the kinds" 2 \
  'has_err "petrarch or html"'

# ===== The peers' own files =====
V=$SHARED/peers/TABARI-Code/Validate.text
if [ -r "$V" ]; then
  # Auto-detected (the file opens with a blank line and '#' lines); the
  # line numbers in messages are the file's own.
  run code "$V"
  expect "TABARI Validate.text: every record read (odd dates only noted)" 0 \
    '! has_err "skipped"' 'has_err "Validate.text:1060: date"' \
    'has_err "Validate.text:3397: date"' 'valid_out'
  run code "$SHARED/peers/TABARI-Code/TABARI.Demo.text"
  expect "TABARI.Demo.text: auto-detected, every record read" 0 \
    '! has_err "skipped"'
else
  echo "# skip: $V not found"
fi
X=$SHARED/peers/petrarch2/petrarch2/data/text/PETR.UnitTest.records.xml
if [ -r "$X" ]; then
  run code "$X"
  expect "PETRARCH PETR.UnitTest.records.xml: every sentence read" 0 \
    '! has_err "skipped"' 'valid_out'
else
  echo "# skip: $X not found"
fi

summary "inputs"
