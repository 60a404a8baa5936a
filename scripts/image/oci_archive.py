#!/usr/bin/env python3
"""Turns a `docker save` archive into one that is both an OCI image layout and still a Docker archive.

Usage: oci_archive.py IN.tar OUT.tar

The Docker daemon Debian ships (20.10) saves only Docker's own layout (manifest.json, <id>/layer.tar,
<config>.json). Registries' tools (skopeo, crane, oras, containerd's `ctr import`) read the OCI image layout:
oci-layout, index.json and content-addressed blobs/sha256/. This writes both in one file, as Docker 25 and later
do: every layer and config is stored once, under blobs/sha256/<digest>, and the Docker layout's paths are
symbolic links to those blobs, so `docker load -i` of any daemon version reads it too. Each tag gets an OCI image
manifest and an index.json entry named by `org.opencontainers.image.ref.name` (the tag: `skopeo copy
oci-archive:OUT.tar:0.1.0 ...`) and `io.containerd.image.name` (the whole name).
"""
import hashlib
import io
import json
import shutil
import sys
import tarfile

LAYER = "application/vnd.oci.image.layer.v1.tar"
CONFIG = "application/vnd.oci.image.config.v1+json"
MANIFEST = "application/vnd.oci.image.manifest.v1+json"
INDEX = "application/vnd.oci.image.index.v1+json"


def digest_of(f):
    h, n = hashlib.sha256(), 0
    for chunk in iter(lambda: f.read(1 << 20), b""):
        h.update(chunk)
        n += len(chunk)
    return "sha256:" + h.hexdigest(), n


def full_name(tag):
    # docker.io/library/rtc-mock:0.1.0 for rtc-mock:0.1.0, as Docker names it in its own OCI archives.
    name, _, version = tag.rpartition(":")
    first = name.split("/")[0]
    if "/" not in name:
        name = "docker.io/library/" + name
    elif "." not in first and ":" not in first and first != "localhost":
        name = "docker.io/" + name
    return name + ":" + version, version


def main(src, dst):
    with tarfile.open(src) as tin:
        if "oci-layout" in tin.getnames():  # a daemon of version 25 or later already wrote both layouts
            shutil.copyfile(src, dst)
            return
    with tarfile.open(src) as tin, tarfile.open(dst, "w", format=tarfile.PAX_FORMAT) as tout:
        members = {m.name: m for m in tin.getmembers()}
        docker_manifest = json.load(tin.extractfile("manifest.json"))
        blobs = {}  # path in the Docker layout -> (digest, size)
        written = set()  # blob names in the output

        def add_blob(path):
            if path in blobs:
                return blobs[path]
            member = members[path]
            blobs[path] = digest_of(tin.extractfile(member))
            digest, size = blobs[path]
            info = tarfile.TarInfo("blobs/sha256/" + digest.split(":")[1])
            info.size, info.mode, info.mtime = size, 0o444, 0
            if info.name not in written:
                tout.addfile(info, tin.extractfile(member))
                written.add(info.name)
            return blobs[path]

        def add_bytes(name, data):
            info = tarfile.TarInfo(name)
            info.size, info.mode, info.mtime = len(data), 0o444, 0
            tout.addfile(info, io.BytesIO(data))

        index = []
        for image in docker_manifest:
            config = add_blob(image["Config"])
            layers = [add_blob(layer) for layer in image["Layers"]]
            manifest = json.dumps(
                {
                    "schemaVersion": 2,
                    "mediaType": MANIFEST,
                    "config": {"mediaType": CONFIG, "digest": config[0], "size": config[1]},
                    "layers": [{"mediaType": LAYER, "digest": d, "size": n} for d, n in layers],
                },
                separators=(",", ":"),
            ).encode()
            m_digest = "sha256:" + hashlib.sha256(manifest).hexdigest()
            name = "blobs/sha256/" + m_digest.split(":")[1]
            if name not in written:
                add_bytes(name, manifest)
                written.add(name)
            for tag in image.get("RepoTags") or []:
                whole, ref = full_name(tag)
                index.append(
                    {
                        "mediaType": MANIFEST,
                        "digest": m_digest,
                        "size": len(manifest),
                        "annotations": {"io.containerd.image.name": whole, "org.opencontainers.image.ref.name": ref},
                    }
                )

        # The Docker layout: its files as they were, its layers and configs as links to the blobs.
        for member in tin.getmembers():
            if member.name in blobs:
                depth = member.name.count("/")
                link = tarfile.TarInfo(member.name)
                link.type, link.mtime = tarfile.SYMTYPE, 0
                link.linkname = "../" * depth + "blobs/sha256/" + blobs[member.name][0].split(":")[1]
                tout.addfile(link)
            elif member.isfile():
                tout.addfile(member, tin.extractfile(member))
            else:
                tout.addfile(member)
        add_bytes("oci-layout", json.dumps({"imageLayoutVersion": "1.0.0"}).encode())
        add_bytes(
            "index.json",
            json.dumps({"schemaVersion": 2, "mediaType": INDEX, "manifests": index}, separators=(",", ":")).encode(),
        )


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: oci_archive.py IN.tar OUT.tar")
    main(sys.argv[1], sys.argv[2])
