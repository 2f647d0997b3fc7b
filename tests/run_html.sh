#!/bin/sh
# run_html.sh DYAD -- `dyad code` on HTML news pages (cli/input_html.c):
# the pages of tests/html/ are coded with their URL as document id and
# their publication date (JSON-LD, meta tags, microdata, <time pubdate>),
# the events of the article text are coded and those of the navigation,
# header, footer, asides, ads, scripts, forms, figures and comments are
# not; --input auto tells HTML from PETRARCH XML (by name and by the first
# bytes, also on a pipe); binary data, a page without text and a page over
# --max-doc-bytes are named, skipped and counted (exit 1) while the other
# files are still coded; `dyad ingest` stores the pages with their title,
# URL and site name.
#
# Prints "ok - NAME" or "not ok - NAME" per check, then a summary; exits 1
# when any check failed.
set -eu

. "$(dirname "$0")/lib.sh"
harness_dyad run_html "$@"
ROOT=$(cd "$(dirname "$0")/.." && pwd)
H=$ROOT/tests/html
harness_tmp html
harness_timeout

# event ID DATE CODE SOURCE TARGET: an event of document ID, dated DATE,
# with CAMEO CODE between the two actor codes.
event() {
  grep -F -- "\"doc_id\":\"$1\"" out | grep -F -- "\"date\":\"$2\"" |
    grep -F -- "\"code\":\"$3\"" | grep -F -- "\"code\":\"$4\"" |
    grep -F -q -- "\"code\":\"$5\""
}
# no_actor CODE: no event names the actor code CODE.
no_actor() { ! grep -F -q -- "\"code\":\"$1\"" out; }

# The events the pages' junk would give if it were coded: China condemns
# Japan (navigation, header, form), Iran threatens Israel (ads, asides),
# Egypt accuses Libya (scripts, styles), France criticizes Germany
# (footers), Turkey praises Greece (figure captions, comments).
no_junk() {
  no_actor CHN && no_actor IRN && no_actor EGY && no_actor FRA
}

# ===== The pages of tests/html =====

WIRE=https://news.example.com/world/2023/01/31/japan-nato
run code "$H/wire.html"
expect "wire.html: id from og:url, date from JSON-LD, the article's events" 0 \
  "event $WIRE 2023-01-31 040 JPNGOV IGOWSTNAT" \
  "event $WIRE 2023-01-31 057 IND PAK" \
  "event $WIRE 2023-01-31 161 BRA ARGGOV" '[ "$(lines)" -eq 4 ]' 'valid_out'
expect "wire.html: nothing of nav, header, ads, aside, script, style, form, footer, figure, comment" 0 \
  'no_junk' 'no_actor TUR' 'no_text "Advertisement"'
expect "wire.html: entities decoded (&amp; &#8217; &mdash; &nbsp;)" 0 \
  'grep -F -q "India & Pakistan signed an agreement." out' \
  'grep -F -q "TOKYO — Japan’s prime minister" out'

DAILY=https://daily.example.org/2022/03/15/ministers
run code "$H/nodiv.html"
expect "nodiv.html: no <article>: paragraphs found by score, canonical URL, meta date" 0 \
  "event $DAILY 2022-03-15 190 RUS UKR" "event $DAILY 2022-03-15 161 BRA ARGGOV" \
  'no_junk'

run code "$H/cp1252.html"
expect "cp1252.html: windows-1252 page decoded, article:published_time" 0 \
  "event $H/cp1252.html 2021-06-01 161 BRA ARGGOV" 'valid_out' \
  'grep -F -q "Argentina’s ambassador" out'

# Published (<time pubdate>) Saturday 2020-02-29; the story happened "on
# Monday", the 24th.
run code "$H/malformed.html"
expect "malformed.html: tag soup repaired, <time pubdate> date" 0 \
  "event $H/malformed.html 2020-02-24 190 RUS UKR" \
  "event $H/malformed.html 2020-02-24 057 IND PAK" \
  "event $H/malformed.html 2020-02-24 161 BRA ARGGOV" 'no_actor IRN'

run code "$H/microdata.html"
expect "microdata.html: XHTML doctype, itemprop datePublished and articleBody" 0 \
  "event $H/microdata.html 2020-02-02 051 TUR GRC" 'no_actor CHN' \
  '[ "$(lines)" -eq 2 ]'

run code "$H/nodate.html"
expect "nodate.html: no date: coded undated, said on stderr, id is the file" 0 \
  'has_err "nodate.html: no publication date in the page"' \
  'grep -F -q "\"doc_id\":\"$H/nodate.html\"" out' \
  'grep -F -q "\"code\":\"190\"" out'
run code --date 2000-01-01 "$H/nodate.html"
expect "nodate.html: --date dates a page without its own date" 0 \
  "event $H/nodate.html 2000-01-01 190 RUS UKR" '! has_err "no publication"'
run code --date 2000-01-01 "$H/wire.html"
expect "wire.html: the page's own date wins over --date" 0 \
  "event $WIRE 2023-01-31 161 BRA ARGGOV"

run code --format tsv "$H/wire.html"
expect "wire.html: TSV output carries URL and date" 0 \
  'grep -q "^$WIRE	2023-01-31	" out'

# ===== Detection =====

cp "$H/wire.html" page.data
run code page.data
expect "auto: '<!DOCTYPE html' without an .html name is HTML" 0 \
  "event $WIRE 2023-01-31 161 BRA ARGGOV"
run_stdin "$H/wire.html" code -
expect "auto: HTML on a pipe" 0 "event $WIRE 2023-01-31 161 BRA ARGGOV"
cp "$H/malformed.html" soup.data
run code soup.data
expect "auto: '<html' start is HTML" 0 'grep -F -q "\"code\":\"190\"" out'
cp "$H/nodate.html" page.HTM
run code --date 2001-02-03 page.HTM
expect "auto: a .HTM name is HTML" 0 "event page.HTM 2001-02-03 190 RUS UKR"
printf '<p>Russia attacked Ukraine.</p>\n' > frag.txt
run code --input html --date 2001-02-03 frag.txt
expect "--input html: a fragment in a .txt file is read as HTML" 0 \
  "event frag.txt 2001-02-03 190 RUS UKR" 'no_text "<p>"'
cat > sents.data << 'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<!-- PETRARCH, not HTML: <html> in a comment -->
<Sentences>
<Sentence date="20080801" id="P-1"><Text>Russia attacked Ukraine.</Text></Sentence>
</Sentences>
EOF
run code sents.data
expect "auto: PETRARCH XML after <?xml and a comment is still PETRARCH" 0 \
  'grep -F -q "\"doc_id\":\"P-1\"" out' 'grep -F -q "\"date\":\"2008-08-01\"" out'
cp sents.data sents.html
run code --input petrarch sents.html
expect "--input petrarch wins over an .html name" 0 \
  'grep -F -q "\"doc_id\":\"P-1\"" out'

# ===== Bad pages =====

LC_ALL=C awk 'BEGIN { x = 5; for (i = 0; i < 6000; i++) {
  x = (x * 75 + 74) % 65537; printf "%c", x % 256 } }' > junk.html
run code junk.html "$H/wire.html"
expect "binary junk named .html: named file:1, skipped, next file coded" 1 \
  'has_err "junk.html:1: binary data, not an HTML page; skipped"' \
  "event $WIRE 2023-01-31 161 BRA ARGGOV" 'has_err "1 inputs skipped"'

{ printf '<!DOCTYPE html>'; cat junk.html; } > junk2.data
run code junk2.data
expect "binary junk after an HTML doctype: named, skipped" 1 \
  'has_err "junk2.data:1: binary data"' '[ "$(lines)" -eq 0 ]'

printf '<html><head><script>var x = "Russia attacked Ukraine.";</script></head><body><nav>Menu</nav></body></html>' > empty.html
run code empty.html
expect "a page with no article text: named, skipped" 1 \
  'has_err "empty.html: no article text in the HTML page; skipped"' \
  '[ "$(lines)" -eq 0 ]'

# A huge page: over --max-doc-bytes (the page) and over it once extracted.
{
  printf '<!DOCTYPE html><html><body><article>\n'
  i=0
  while [ $i -lt 3000 ]; do
    echo "<p>Russia attacked Ukraine on a long day of fighting near the border.</p>"
    i=$((i + 1))
  done
  printf '</article></body></html>\n'
} > huge.html
run code --max-doc-bytes 100000 huge.html "$H/nodiv.html"
expect "huge page over --max-doc-bytes: named, skipped, next file coded" 1 \
  'has_err "huge.html: HTML page over the size limit (--max-doc-bytes); skipped"' \
  "event $DAILY 2022-03-15 190 RUS UKR"
LC_ALL=C awk 'BEGIN { printf "<html><body>"; for (i = 0; i < 200000; i++)
  printf "<div>"; printf "<p>Russia attacked Ukraine.</p></body></html>" }' \
  > deep.html
run code --date 2000-01-01 deep.html
expect "200,000 nested <div>, text past libxml2's depth of 256: named, skipped" 1 \
  'has_err "deep.html: no article text before elements nested deeper than 256"'
LC_ALL=C awk 'BEGIN { printf "<html><body><p>Russia attacked Ukraine.</p>";
  for (i = 0; i < 1000; i++) printf "<div>";
  printf "<p>China condemned Japan.</p></body></html>" }' > deep2.html
run code --date 2000-01-01 deep2.html
expect "text before the depth limit coded, the rest named as not read" 0 \
  'has_err "deep2.html: elements nested deeper than 256: the rest of the page is not read"' \
  "event deep2.html 2000-01-01 190 RUS UKR" 'no_actor CHN'

# ===== dyad ingest: the same reader, title, URL and site name stored =====

run ingest --quiet --db pages.db "$H/wire.html" "$H/nodiv.html"
expect "ingest: HTML pages stored" 0 '[ -s pages.db ]'
run query --db pages.db --format jsonl
expect "ingest: the pages' events under their URLs and dates, no junk" 0 \
  "grep -F '\"doc_id\":\"$WIRE\"' out | grep -F -q '\"date\":\"2023-01-31\"'" \
  "grep -F -q '\"doc_id\":\"$DAILY\"' out" 'no_actor CHN' 'no_actor IRN'
if command -v sqlite3 > /dev/null 2>&1; then
  sqlite3 -separator '|' pages.db \
    "select title, url, source, date from documents where url = '$WIRE'" > out
  rc=0
  expect "ingest: title, URL, site name and date of the page stored" 0 \
    "grep -F -q 'Japan’s leader meets NATO chief in Tokyo|$WIRE|Example Wire|2023-01-31' out"
else
  echo "# skip: sqlite3 not installed (stored title and site name unchecked)"
fi

# ===== Options =====
run code --input htm "$H/wire.html"
expect "--input htm: usage error naming the kinds" 2 'has_err "petrarch or html"'

summary "html"
