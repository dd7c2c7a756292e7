#!/usr/bin/env bash
# Packs the SDK the way a release does (a clone of this commit, tagged vX.Y.Z, remote set to the public
# repository so Source Link resolves) and checks every package: version, metadata, frameworks, symbols.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version="${AMIGO_CHECK_VERSION:-9.8.7}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

git clone -q "$root" "$work/repo"
cd "$work/repo"
git remote set-url origin https://github.com/amigo-ai/amigo-dotnet-sdk.git
git tag "v$version"
dotnet pack Amigo.Generated.sln -c Release -o "$work/packages" -p:ContinuousIntegrationBuild=true -nologo -clp:ErrorsOnly
dotnet run --project .ci/package-check -c Release -- "$work/packages" "$version" \
  Amigo=net10.0 Amigo.Generated=net10.0 Amigo.AspNetCore=net10.0 Amigo.Emulator=net10.0
