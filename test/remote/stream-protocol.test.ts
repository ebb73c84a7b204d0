import { expect } from 'chai';
import { ErrorCode, ErrorDomain, VirtError, isVirtError, type StreamChunk } from '@virtkit/core';
import {
  ChunkQueue, FrameDecoder, MessageStatus, MessageType, STREAM_DATA_MAX, chunkFrames, decodeStreamFrame, eofFrame, errorFrame, finishFrame,
} from '@virtkit/remote';

const id = { proc: 209, serial: 7 };
const decode = (frames: Buffer[]) => new FrameDecoder().push(Buffer.concat(frames));
const aborted = () => new VirtError({ code: ErrorCode.OPERATION_ABORTED, message: 'aborted' });

describe('remote: libvirt stream frames', () => {
  it('splits data at the payload limit and sends a hole as one STREAM_HOLE frame', () => {
    const data = Buffer.alloc(STREAM_DATA_MAX * 2 + 5, 7);
    const frames = decode(chunkFrames(id, { kind: 'data', data }));
    expect(frames.map((f) => f.body.length)).to.deep.equal([STREAM_DATA_MAX, STREAM_DATA_MAX, 5]);
    for (const f of frames) expect(f.header).to.deep.include({ proc: 209, serial: 7, type: MessageType.STREAM, status: MessageStatus.CONTINUE });
    expect(chunkFrames(id, { kind: 'data', data: Buffer.alloc(0) }), 'an empty frame would be EOF').to.have.length(0);
    const [hole] = decode(chunkFrames(id, { kind: 'hole', length: 2 ** 40 }));
    expect(hole.header.type).to.equal(MessageType.STREAM_HOLE);
    expect(hole.body.length, 'virNetStreamHole: hyper + unsigned int').to.equal(12);
    expect(decodeStreamFrame(hole, aborted)).to.deep.equal({ kind: 'chunk', chunk: { kind: 'hole', length: 2 ** 40 } });
  });

  it("tells EOF (empty CONTINUE), finish (OK), a server's error and a client's abort apart", () => {
    const [eof, finish, err, abort] = decode([eofFrame(id), finishFrame(id), errorFrame(id, new VirtError({ code: ErrorCode.INVALID_ARG, domain: ErrorDomain.STORAGE, message: 'invalid argument: nope' })), errorFrame(id)]);
    expect(decodeStreamFrame(eof, aborted)).to.deep.equal({ kind: 'eof' });
    expect(decodeStreamFrame(finish, aborted)).to.deep.equal({ kind: 'finish' });
    const e = decodeStreamFrame(err, aborted);
    expect(e.kind === 'error' && isVirtError(e.error, ErrorCode.INVALID_ARG) && e.error.message).to.equal('invalid argument: nope');
    const a = decodeStreamFrame(abort, aborted);
    expect(a.kind === 'error' && a.error.code).to.equal(ErrorCode.OPERATION_ABORTED);
  });

  it('a ChunkQueue asks its feeder to stop above the high water mark and to go on when drained', async () => {
    const pressure: boolean[] = [];
    const q = new ChunkQueue((on) => pressure.push(on), 4);
    let started = false;
    void q.started.then(() => { started = true; });
    for (let i = 0; i < 6; i++) q.push({ kind: 'data', data: Buffer.from([i]) });
    expect(pressure).to.deep.equal([true]);
    q.end();
    const got: StreamChunk[] = [];
    for await (const c of q) got.push(c);
    expect(started).to.equal(true);
    expect(got.map((c) => (c.kind === 'data' ? c.data[0] : -1))).to.deep.equal([0, 1, 2, 3, 4, 5]);
    expect(pressure).to.deep.equal([true, false]);
    const failing = new ChunkQueue();
    failing.fail(aborted());
    const seen = await (async () => { try { for await (const _ of failing) { /* nothing */ } return 'ended'; } catch (e) { return (e as Error).message; } })();
    expect(seen).to.equal('aborted');
  });
});
