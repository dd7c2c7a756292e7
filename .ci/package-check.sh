#!/usr/bin/env bash
# Packs the SDK the way a release does (a clone of this commit, tagged vX.Y.Z, remote set to the public
# repository so Source Link resolves) and checks every package: version, metadata, frameworks, symbols.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version="${AMIGO_CHECK_VERSION:-9.8.7}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The registry this machine restores from (read here, before moving into the clone), for everything but Amigo.
upstream="$(dotnet nuget list source --format short | awk '$1 == "E" {print $2; exit}')"
upstream="${upstream:-https://api.nuget.org/v3/index.json}"

git clone -q "$root" "$work/repo"
cd "$work/repo"
git remote set-url origin https://github.com/amigo-ai/amigo-dotnet-sdk.git
git tag "v$version"
dotnet pack Amigo.Generated.sln -c Release -o "$work/packages" -p:ContinuousIntegrationBuild=true -nologo -clp:ErrorsOnly
dotnet run --project .ci/package-check -c Release -- "$work/packages" "$version" \
  Amigo=net10.0,net8.0,netstandard2.0 Amigo.Generated=net10.0,net8.0,netstandard2.0 Amigo.AspNetCore=net10.0 \
  Amigo.Emulator=net10.0 Amigo.Emulator.Tool=tool

# A net8.0 and a .NET Framework 4.8 console app restore Amigo from the packed packages alone (a folder feed, no
# other source for Amigo) and compile with warnings as errors.
cat > "$work/nuget.config" <<CONFIG
<configuration>
  <packageSources>
    <clear />
    <add key="packed" value="$work/packages" />
    <add key="upstream" value="$upstream" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="packed"><package pattern="Amigo*" /></packageSource>
    <packageSource key="upstream"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
CONFIG
for consumer in net8 net48; do
  cp -r "$root/.ci/consumers" "$work/consumers-$consumer"
  dotnet build "$work/consumers-$consumer/$consumer/Consumer.csproj" -c Release -nologo -clp:ErrorsOnly \
    -p:AmigoVersion="$version" -p:RestoreConfigFile="$work/nuget.config" -p:RestorePackagesPath="$work/nuget-packages"
  echo "package-check: the $consumer console app builds against Amigo $version."
done
