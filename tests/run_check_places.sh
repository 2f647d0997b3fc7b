#!/bin/sh
# run_check_places.sh -- tests tools/check_places.py itself: a tiny
# countries file and gazetteers written here, each with one known fault,
# must fail with that fault's `places.txt:LINE:` message; the clean one must
# pass and count its kinds; a flipped sign must draw the sign warning, and a
# place far from its `in:` region a warning.  Then the country file
# (places/countries.txt, the third argument): one line per code, names those
# of countries.txt's `name:` field, kind `country` there only, the point
# within the box of the country's places.
# Prints "ok - NAME" / "not ok - NAME"; exits 1 when any check failed.
set -eu
CHECK=$(cd "$(dirname "$0")/.." && pwd)/tools/check_places.py
T=$(mktemp -d "${TMPDIR:-/tmp}/dyad-places.XXXXXX")
trap 'rm -rf "$T"' EXIT
cd "$T"
fails=0

cat > countries.txt <<'X'
# test countries
FRA | name: France; French Republic; Hexagone | adj: French | dem: | cap: Paris
ITA | name: Italy; Italian Republic; Sicily | adj: Italian | dem: | cap: Rome; Roma
X
GOOD='Paris | FRA | capital | 48.86, 2.35
Rome | ITA | capital | 41.90, 12.50 | alt: Roma
Lyon | FRA | city | 45.76, 4.84 | in: Auvergne-Rhône-Alpes
Auvergne-Rhône-Alpes | FRA | admin | 45.50, 4.50
Marseille | FRA | city | 43.30, 5.37  # a comment
Strait of Bonifacio | FRA | feature | 41.33, 9.25'

# expect NAME STATUS PATTERN: runs the checker on places.txt, wants the exit
# status and a line of output matching PATTERN (grep -E).
expect() {
  out=$(python3 "$CHECK" places.txt countries.txt 2>&1) && st=0 || st=$?
  if [ "$st" = "$2" ] && printf '%s\n' "$out" | grep -Eq -- "$3"; then
    echo "ok - $1"
  else
    echo "not ok - $1 (exit $st, wanted $2 and /$3/)"
    printf '%s\n' "$out" | sed 's/^/    /'
    fails=$((fails + 1))
  fi
}
# case NAME STATUS PATTERN LINE: the good file with LINE appended.
case_() {
  printf '%s\n%s\n' "$GOOD" "$4" > places.txt
  expect "$1" "$2" "$3"
}

printf '%s\n' "$GOOD" > places.txt
expect clean 0 'capital 2, city 2, admin 1, region 0, feature 1; total 6'
case_ fields 1 '^places.txt:7: expected 4 to 6 fields' 'Nice | FRA | city'
case_ code 1 "^places.txt:7: country code 'FRX'" 'Nice | FRX | city | 43.70, 7.27'
case_ kind 1 "^places.txt:7: kind 'town'" 'Nice | FRA | town | 43.70, 7.27'
case_ decimals 1 "^places.txt:7: coordinates '43.7, 7.27'" 'Nice | FRA | city | 43.7, 7.27'
case_ range 1 '^places.txt:7: coordinates .* out of range' 'Nice | FRA | city | 93.70, 7.27'
case_ optional 1 "^places.txt:7: field 'pop: 3' is neither" 'Nice | FRA | city | 43.70, 7.27 | pop: 3'
case_ duplicate 1 '^places.txt:7: Lyon FRA already on line 3' 'Lyon | FRA | city | 45.76, 4.84'
case_ dupalt 1 '^places.txt:7: Roma ITA already on line 2' 'Ostia | ITA | city | 41.73, 12.28 | alt: Roma'
case_ samename 0 'total 7' 'Lyon | ITA | city | 45.00, 9.00'
case_ lowername 1 "^places.txt:7: bad name 'nice'" 'nice | FRA | city | 43.70, 7.27'
printf '%s\n' "$GOOD" | grep -v '^Rome' > places.txt
expect capital 1 "^countries.txt:3: capital 'Rome' of ITA is not a 'capital' line"
printf '%s\n' "$GOOD" | sed 's/^Paris | FRA | capital/Paris | FRA | city/' > places.txt
expect capitalkind 1 "^countries.txt:2: capital 'Paris' of FRA"
case_ region 0 "^places.txt:7: warning: in: 'Bretagne' is not an admin" 'Rennes | FRA | city | 48.11, -1.68 | in: Bretagne'
case_ sign 0 "^places.txt:7: warning: Strasbourg .*latitude's sign looks wrong" 'Strasbourg | FRA | city | -48.58, 7.75'
case_ indistance 0 "^places.txt:7: warning: Brest is [0-9]+ km from its region Auvergne-Rhône-Alpes" 'Brest | FRA | city | 48.39, -24.49 | in: Auvergne-Rhône-Alpes'

# The country file.  Its folder names it in messages (countries.txt is
# taken), so it sits in places/.
mkdir places
printf '%s\n%s\n' "$GOOD" 'Sicily | ITA | feature | 37.60, 14.02' > places.txt
CGOOD='France | FRA | country | 46.23, 2.21 | alt: French Republic  # Hexagone omitted: a nickname
Italy | ITA | country | 41.87, 12.57 | alt: Italian Republic  # Sicily: its own line'
# cexpect NAME STATUS PATTERN: the checker on the three files.
cexpect() {
  out=$(python3 "$CHECK" places.txt countries.txt places/countries.txt 2>&1) \
    && st=0 || st=$?
  if [ "$st" = "$2" ] && printf '%s\n' "$out" | grep -Eq -- "$3"; then
    echo "ok - $1"
  else
    echo "not ok - $1 (exit $st, wanted $2 and /$3/)"
    printf '%s\n' "$out" | sed 's/^/    /'
    fails=$((fails + 1))
  fi
}
# ccase NAME STATUS PATTERN SED: the good country file edited by SED.
ccase() {
  printf '%s\n' "$CGOOD" | sed "$4" > places/countries.txt
  cexpect "$1" "$2" "$3"
}
ccase cclean 0 '^places: country 2, capital 2, city 2, admin 1, region 0, feature 2; total 9 .* 0 warning' ''
ccase ckind 1 "^places/countries.txt:1: kind 'city' is not one of country$" 's/| country |/| city |/'
ccase cin 1 "^places/countries.txt:2: a country line has no 'in:'" '2s/  #.*/ | in: Lazio/'
ccase cmissing 1 '^countries.txt:3: ITA has no line in places/countries.txt' '/^Italy/d'
ccase ctwo 1 '^places/countries.txt:3: a second line for FRA \(the first is line 1\)' '$a\
Gaul | FRA | country | 46.00, 2.00'
ccase cadjective 1 "^places/countries.txt:1: 'French' is not a name: of FRA" 's/alt: French Republic/alt: French Republic; French/'
ccase cmissname 1 "^places/countries.txt:1: FRA's name 'French Republic' \(countries.txt\) is not on the line" 's/ | alt: French Republic//'
ccase cfirst 1 "^places/countries.txt:1: the Name of FRA should be 'France'" 's/^France | FRA | country | 46.23, 2.21 | alt: French Republic/French Republic | FRA | country | 46.23, 2.21 | alt: France/'
ccase cpart 1 '^places/countries.txt:2: Sicily ITA already on places.txt line 7' '2s/alt: Italian Republic.*/alt: Italian Republic; Sicily/'
ccase csign 0 "^places/countries.txt:1: warning: France \(-46.23, 2.21\) lies outside .*latitude's sign looks wrong" 's/46.23, 2.21/-46.23, 2.21/'
ccase ccomment 0 'total 9' 's/Hexagone omitted: a nickname/hexagone omitted/'
ccase cword 1 "^places/countries.txt:1: FRA's name 'Hexagone'" 's/Hexagone omitted/Hexagones omitted/'
printf '%s\n%s\n' "$GOOD" 'Gaul | FRA | country | 46.00, 2.00' > places.txt
printf '%s\n' "$CGOOD" > places/countries.txt
cexpect placeskind 1 "^places.txt:7: kind 'country' is not one of capital"

[ "$fails" = 0 ] || { echo "$fails check(s) failed"; exit 1; }
echo "check_places: all checks passed"
