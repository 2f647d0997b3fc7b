#!/bin/sh
# run_dedup.sh DYAD -- `dyad code --dedup story|day|none`: by default an
# event stated in several sentences of a story is one event; day merges the
# same source, target, code and day across documents (num_articles,
# also_in); none keeps one event per sentence.  With --dedup day the
# documents' quotations (--quotes) and explanations (--explain) are still
# written -- both were silently left out -- and --mentions, which has no
# meaning for events merged at the end of input, is a usage error.
#
# Prints "ok - NAME" or "not ok - NAME" per check, then a summary; exits 1
# when any check failed.
set -eu

. "$(dirname "$0")/lib.sh"
harness_dyad run_dedup "$@"
harness_tmp dedup
harness_timeout

# d1 and d2 report the same accusation on the same day, d3 another day;
# d1 states it twice and quotes Japan's prime minister.
cat > docs.jsonl << 'X'
{"id":"d1","date":"2023-03-01","text":"Ukraine accused Russia of war crimes on Wednesday. Ukraine accused Russia of war crimes, its ministry said. \"We condemn Russia,\" Japan's prime minister said."}
{"id":"d2","date":"2023-03-01","text":"Ukraine accused Russia of war crimes on Wednesday, officials said."}
{"id":"d3","date":"2023-03-05","text":"Ukraine accused Russia of war crimes on Sunday."}
X
# accusations CONDITION: the number of UKR-RUS accusations in out.
accusations() { grep -c '"code":"1124"' out || true; }

run code docs.jsonl
expect "story (default): one event per story, its mentions counted" 0 \
  '[ "$(accusations)" -eq 3 ]' 'has_out "\"num_mentions\":2"'
run code --dedup none docs.jsonl
expect "none: one event per sentence" 0 '[ "$(accusations)" -eq 4 ]'
run code --dedup day docs.jsonl
expect "day: the same event on the same day is one, with num_articles" 0 \
  '[ "$(accusations)" -eq 2 ]' 'has_out "\"num_articles\":2"' \
  'has_out "\"also_in\":[\"d2\"]"' 'valid_out'
run code --dedup day --quotes quotes.jsonl docs.jsonl
expect "day --quotes: the quotations are written" 0 \
  'grep -q "\"speaker\":{\"text\":\"Japan.s prime minister\"" quotes.jsonl'
run code --dedup day --explain docs.jsonl
expect "day --explain: every document explained" 0 \
  'has_err "Ukraine accused Russia of war crimes on Sunday."'
run code --dedup day --mentions mentions.tsv docs.jsonl
expect "day --mentions: a usage error" 2 'has_err "--dedup day writes no --mentions"'
run code --dedup day --format tsv docs.jsonl
expect "day --format tsv: a usage error" 2 'has_err "JSON Lines only"'
run code --dedup week docs.jsonl
expect "--dedup week: a usage error" 2 'has_err "--dedup is story, day or none"'

summary dedup
