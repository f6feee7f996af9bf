#!/usr/bin/python3
"""Media metadata of our index.sqlite against Megatron-Energon 7.4.0's own (issue 21).

  media_metadata_check.py make DIR        writes DIR/records.json (LLaVA) and its media: GIFs and
                                          BMPs made by Pillow, videos made by PyAV (MPEG-4 in MP4
                                          and Matroska, no audio), testdata's clip.mp4 (H.264 +
                                          AAC) and q0.wav
  media_metadata_check.py check OUT WORK  (Energon 7 environment) OUT: omniprep's raw-layout output
                                          of those records

The check copies OUT, empties the copy's media_metadata table, has `energon prepare-media
--media-metadata-by-extension` fill it again from the tars, and compares the two tables row for
row; then it reads every row of OUT back through Energon's WebdatasetFileStore.get_media_metadata.

Energon computes audio metadata with PyAV's AudioFrame.duration (PyAV 13 and later). With an older
PyAV (Debian 12 has 10.0) it fails on every member that has audio and stores no row, so for those
members the check compares our row with what Energon's decoder computes without that attribute:
every field of get_metadata(get_audio_num_samples=False) but audio_duration, the samples of a
decode of the audio stream as Energon's loop counts them, and audio_duration equal to the stream
header's or to the end of the last decoded frame (one of which is what Energon computes, depending
on the frame duration FFmpeg reports). Exits 1 on any difference.
"""
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile


def make(folder):
    import av
    import numpy as np
    from PIL import Image

    here = os.path.dirname(os.path.abspath(__file__))
    testdata = os.path.join(here, "..", "testdata")
    os.makedirs(folder, exist_ok=True)
    records = []

    def record(kind, name):
        tag = "<speech>" if kind == "audio" else "<image>"
        records.append({"id": f"m{len(records)}", kind: name, "conversations": [
            {"from": "human", "value": f"{tag}\nWhat is it?"}, {"from": "gpt", "value": "A test medium."}]})

    ramp = np.arange(7 * 5 * 3, dtype=np.uint8).reshape(5, 7, 3) * 2
    Image.fromarray(ramp).convert("P", palette=Image.ADAPTIVE).save(os.path.join(folder, "p.gif"))
    Image.fromarray(np.arange(256, dtype=np.uint8).reshape(16, 16)).save(os.path.join(folder, "l.gif"))  # grey ramp: L
    Image.fromarray(ramp).save(os.path.join(folder, "rgb.bmp"))
    Image.fromarray(ramp[:, :, 0]).convert("1").save(os.path.join(folder, "bw.bmp"))
    Image.fromarray(ramp).convert("P", palette=Image.ADAPTIVE, colors=16).save(os.path.join(folder, "p.bmp"))
    for name in ("p.gif", "l.gif", "rgb.bmp", "bw.bmp", "p.bmp"):
        record("image", name)
    for name, rate in (("v12.mp4", 12), ("v25.mkv", 25)):
        out = av.open(os.path.join(folder, name), "w")
        stream = out.add_stream("mpeg4", rate=rate)
        stream.width, stream.height, stream.pix_fmt = 48, 32, "yuv420p"
        for i in range(15):
            frame = av.VideoFrame.from_ndarray(np.full((32, 48, 3), i * 16, np.uint8), format="rgb24")
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
        out.close()
        record("video", name)
    shutil.copy(os.path.join(testdata, "video", "clip.mp4"), folder)
    record("video", "clip.mp4")
    shutil.copy(os.path.join(testdata, "jsonl", "media", "q0.wav"), folder)
    record("audio", "q0.wav")
    with open(os.path.join(folder, "records.json"), "w") as f:
        json.dump(records, f)
    print(f"made {len(records)} records in {folder}")


def table(dataset):
    with sqlite3.connect(os.path.join(dataset, ".nv-meta", "index.sqlite")) as db:
        return {k: (t, j) for k, t, j in db.execute("SELECT entry_key, metadata_type, metadata_json FROM media_metadata")}


def members(dataset):
    out = {}
    for tar in sorted(n for n in os.listdir(dataset) if n.endswith(".tar")):
        with tarfile.open(os.path.join(dataset, tar)) as t:
            for m in t.getmembers():
                out[m.name] = t.extractfile(m).read()
    return out


def without_frame_durations(data, ours):
    """Our av row against what Energon's decoder computes on a PyAV without AudioFrame.duration."""
    import av
    from megatron.energon.av import AVDecoder

    partial = AVDecoder(io.BytesIO(data)).get_metadata().to_dict()
    problems = [f"{k}: ours {ours.get(k)!r}, Energon's {v!r}" for k, v in partial.items()
                if k != "audio_duration" and ours.get(k) != v]
    problems += [f"{k}: ours {ours[k]!r}, not in Energon's" for k in ours
                 if k not in partial and k not in ("audio_num_samples", "audio_duration")]
    with av.open(io.BytesIO(data)) as container:  # Energon's loop: seek(0), decode, count, last timed frame
        stream = container.streams.audio[0]
        container.seek(0)
        samples, end = 0, None
        for frame in container.decode(audio=0):
            samples += frame.samples
            if frame.pts is not None:
                end = frame.pts + frame.samples * stream.time_base.denominator // (stream.sample_rate * stream.time_base.numerator)
        if end is not None:
            end = (end - (stream.start_time or 0)) * float(stream.time_base)
    if ours.get("audio_num_samples") != samples:
        problems.append(f"audio_num_samples: ours {ours.get('audio_num_samples')!r}, decoded {samples}")
    if ours.get("audio_duration") not in (partial.get("audio_duration"), end):
        problems.append(f"audio_duration: ours {ours.get('audio_duration')!r}, header {partial.get('audio_duration')!r}, decoded end {end!r}")
    return problems


def check(out, work):
    from megatron.energon.cache.file_store import WebdatasetFileStore
    from megatron.energon.epathlib import EPath
    from megatron.energon.media.metadata import serialize_media_metadata

    copy = os.path.join(work, "energon-prepared")
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(out, copy)
    with sqlite3.connect(os.path.join(copy, ".nv-meta", "index.sqlite")) as db:
        db.execute("DELETE FROM media_metadata")
    cli = [sys.executable, "-c", "from megatron.energon.cli.main import main; main()"]
    subprocess.run(cli + ["prepare-media", copy, "--media-metadata-by-extension", "--no-progress", "--num-workers", "1"], check=True)
    ours, theirs, data = table(out), table(copy), members(out)
    failures, known = 0, 0
    for key in sorted(set(ours) | set(theirs) | {n for n in data if os.path.splitext(n)[1] in (".mp4", ".mkv", ".wav", ".gif", ".bmp")}):
        mine, energon = ours.get(key), theirs.get(key)
        if mine == energon and mine is not None:
            print(f"OK {key}: {mine[0]} {mine[1]}")
            continue
        if mine is not None and energon is None and mine[0] == "av":
            try:
                from megatron.energon.av import AVDecoder
                AVDecoder(io.BytesIO(data[key])).get_metadata(get_audio_num_samples=True)
                reason = None
            except AttributeError as e:
                reason = str(e) if "duration" in str(e) else None
            if reason is not None:
                problems = without_frame_durations(data[key], json.loads(mine[1]))
                if not problems:
                    known += 1
                    print(f"OK {key}: {mine[1]} (Energon stores none on this PyAV: {reason}; checked field by field)")
                    continue
                print(f"MISMATCH {key}: " + "; ".join(problems))
                failures += 1
                continue
        print(f"MISMATCH {key}: ours {mine}, energon prepare-media's {energon}")
        failures += 1
    store = WebdatasetFileStore(EPath(out))
    for key, (kind, payload) in sorted(ours.items()):
        got = serialize_media_metadata(store.get_media_metadata(key))
        if (got[0].value, got[1]) != (kind, payload):
            print(f"MISMATCH get_media_metadata({key}): {got}, index holds {kind} {payload}")
            failures += 1
    kinds = {t for t, _ in ours.values()}
    if kinds != {"image", "av"}:
        print(f"MISMATCH: rows of kinds {sorted(kinds)}, expected image and av rows")
        failures += 1
    print(f"{len(ours)} rows, {failures} mismatches ({known} av rows checked field by field for want of PyAV's AudioFrame.duration)")
    return failures == 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "make":
        make(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "check":
        sys.exit(0 if check(sys.argv[2], sys.argv[3]) else 1)
    else:
        sys.exit(__doc__)
