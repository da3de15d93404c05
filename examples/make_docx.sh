#!/usr/bin/env bash
# Make examples/us-japan-alliance.docx from examples/us-japan-alliance.md with Pandoc
# (Debian: apt-get install pandoc), with real Word footnotes in word/footnotes.xml.
# The header fields Word has no paragraph style for (role, affiliation, editors,
# publisher, disclaimer, series, layout) go into custom document properties named
# after the brief's keys, which the Word reader reads (README, "Word briefs").
# "-smart" keeps straight quotes as written. SOURCE_DATE_EPOCH fixes the dates pandoc
# writes, so the file is the same each run. PYTHON names a Python with PyYAML (python3).
set -euo pipefail
cd "$(dirname "$0")"
src=us-japan-alliance.md
meta=$(mktemp --suffix=.yaml)
trap 'rm -f "$meta"' EXIT
"${PYTHON:-python3}" - "$src" >"$meta" <<'PY'
import sys, yaml
text = open(sys.argv[1], encoding="utf-8").read()
front = yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n"))
flat = {k: front[k] for k in ("title", "date", "series", "layout", "language", "disclaimer") if k in front}
flat["author"] = [a["name"] for a in front["authors"]]
for i, a in enumerate(front["authors"], 1):
    for k in ("role", "affiliation"):
        if k in a:
            flat[f"authors.{i}.{k}"] = a[k]
flat["editors"] = "; ".join(front.get("editors", []))
for k, v in (front.get("publisher") or {}).items():
    flat[f"publisher.{k}"] = v
print(yaml.safe_dump(flat, sort_keys=False, allow_unicode=True))
PY
# Pandoc reads the body without its front matter, and the flat metadata instead.
body=$(mktemp --suffix=.md)
trap 'rm -f "$meta" "$body"' EXIT
awk 'BEGIN{n=0} n<2 && /^---$/ {n++; next} n>=2 {print}' "$src" >"$body"
SOURCE_DATE_EPOCH=1716854400 pandoc -f markdown-smart -t docx --metadata-file="$meta" "$body" -o us-japan-alliance.docx
