#!/usr/bin/env bash
# Makes the pictures in docs/web.md from the running app: runs the one test that starts the demo, adds a scene
# through the API and photographs each page (tests/Fieldlink.Web.Tests/Docs/DocsScreenshots.cs), saving them in
# docs/images. Run from anywhere; it needs what ./test.sh needs. Look at the pictures before committing them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export FIELDLINK_DOCS_SCREENSHOTS="$PWD/docs/images"
./test.sh --filter "FullyQualifiedName~Fieldlink.Web.Tests.Docs.DocsScreenshots"
