#!/usr/bin/env bash
# Checks a staging repository written by
#   ./mvnw deploy -DskipITs -DaltDeploymentRepository=local::file:/tmp/staging
# against what Maven Central requires of each published artifact: a sources and a javadoc jar beside every main
# jar, and pom metadata (name, description, url, licenses, developers, scm), taken from the pom or the parent
# poms it inherits from. Signatures (.asc) are not checked: the release build signs, this one cannot.
# Usage: tools/check-staging.sh [staging-dir]   (exit 1 and one line per problem if anything is missing)
set -euo pipefail
staging="${1:-/tmp/staging}"
[ -d "$staging" ] || { echo "no staging directory: $staging (run the deploy command first)" >&2; exit 2; }
exec python3 - "$staging" <<'PY'
import glob, os, sys
import xml.etree.ElementTree as ET

staging = sys.argv[1]
ns = {"m": "http://maven.apache.org/POM/4.0.0"}
problems, checked = [], 0

def newest(pattern):
    found = sorted(glob.glob(pattern))
    return found[-1] if found else None

def pom_of(group, artifact, version):
    d = os.path.join(staging, *group.split("."), artifact, version)
    return newest(os.path.join(d, f"{artifact}-*.pom"))

def chain(pom_path):
    """The pom and the parents found in the staging directory, nearest first."""
    while pom_path:
        root = ET.parse(pom_path).getroot()
        yield root
        parent = root.find("m:parent", ns)
        pom_path = None if parent is None else pom_of(
            parent.findtext("m:groupId", namespaces=ns), parent.findtext("m:artifactId", namespaces=ns),
            parent.findtext("m:version", namespaces=ns))

for pom in sorted(glob.glob(os.path.join(staging, "**", "*.pom"), recursive=True)):
    checked += 1
    roots = list(chain(pom))
    root = roots[0]
    artifact = root.findtext("m:artifactId", namespaces=ns)
    for element in ("name", "description", "url", "licenses/m:license/m:name", "developers/m:developer",
                    "scm/m:url", "scm/m:connection"):
        nearest = roots[:1] if element == "name" else roots  # Maven does not inherit <name>
        found = [r.find("m:" + element, ns) for r in nearest]
        if not any(e is not None and ((e.text or "").strip() or len(e)) for e in found):
            problems.append(f"{artifact}: pom has no <{element.replace('/m:', '/')}>")
    packaging = root.findtext("m:packaging", default="jar", namespaces=ns)
    if packaging != "pom":
        base = pom[: -len(".pom")]
        for suffix in (".jar", "-sources.jar", "-javadoc.jar"):
            if not os.path.exists(base + suffix):
                problems.append(f"{artifact}: missing {os.path.basename(base + suffix)}")
    for f in glob.glob(os.path.join(os.path.dirname(pom), "*.jar")) + [pom]:
        if not (os.path.exists(f + ".sha1") and os.path.exists(f + ".md5")):
            problems.append(f"{artifact}: missing checksums for {os.path.basename(f)}")

if checked == 0:
    problems.append(f"no poms under {staging}")
for p in problems:
    print(p)
print(f"{checked} artifact(s) checked, {len(problems)} problem(s)")
sys.exit(1 if problems else 0)
PY
