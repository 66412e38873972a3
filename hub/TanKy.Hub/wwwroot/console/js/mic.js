// The browser microphone as PCM16 mono little-endian at 48 kHz, in 20 ms chunks, with a level
// (0–1) per chunk for the meter. AudioWorklet where there is one, ScriptProcessor otherwise.
// Browsers allow the microphone only on https:// or http://127.0.0.1 / localhost.
export const RATE = 48000;

export async function openMicrophone(onChunk, onLevel) {
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    // No mediaDevices at all: the page is not a secure context (plain http:// to the hub's name).
    const err = new Error('no-microphone');
    err.name = 'NoMicrophoneError';
    throw err;
  }
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
  });
  const ctx = new AudioContext({ sampleRate: RATE });
  const source = ctx.createMediaStreamSource(stream);
  const deliver = (samples) => {
    const pcm = toPcm16(samples);
    if (onLevel) onLevel(level(samples));
    onChunk(pcm);
  };
  let node;
  if (ctx.audioWorklet) {
    await ctx.audioWorklet.addModule(new URL('./pcm-worklet.js', import.meta.url));
    node = new AudioWorkletNode(ctx, 'pcm16-capture');
    node.port.onmessage = (e) => deliver(e.data);
  } else {
    node = ctx.createScriptProcessor(1024, 1, 1);
    node.onaudioprocess = (e) => deliver(e.inputBuffer.getChannelData(0).slice(0));
  }
  // Processing runs only when the node reaches the destination; a muted gain avoids feedback.
  const mute = ctx.createGain();
  mute.gain.value = 0;
  source.connect(node);
  node.connect(mute);
  mute.connect(ctx.destination);
  if (ctx.state === 'suspended') await ctx.resume();
  return {
    rate: ctx.sampleRate,
    close: async () => {
      stream.getTracks().forEach((t) => t.stop());
      source.disconnect();
      node.disconnect();
      await ctx.close();
    },
  };
}

// Why the microphone could not be opened, in the page's words (its page-strings micDenied,
// micMissing, micHttps, micError) — never the browser's error name or 'no-microphone'. The Talk
// page says it the same way (ptt.js).
export function microphoneProblem(err, t) {
  const name = err && err.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') return t.micDenied || t.micError;
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return t.micMissing || t.micError;
  if (name === 'NoMicrophoneError') return t.micHttps || t.micError;
  return t.micError;
}

export function toPcm16(samples) {
  const bytes = new ArrayBuffer(samples.length * 2);
  const view = new DataView(bytes);
  for (let i = 0; i < samples.length; i++) {
    const s = Math.max(-1, Math.min(1, samples[i]));
    view.setInt16(i * 2, s < 0 ? s * 0x8000 : s * 0x7fff, true);
  }
  return bytes;
}

// Peak of the chunk, 0–1: what a level meter shows.
export function level(samples) {
  let peak = 0;
  for (let i = 0; i < samples.length; i++) peak = Math.max(peak, Math.abs(samples[i]));
  return peak;
}

// PCM16 chunks → a WAV file (RIFF, 16-bit mono), which the media library accepts.
export function wavBlob(chunks, rate) {
  const length = chunks.reduce((n, c) => n + c.byteLength, 0);
  const header = new DataView(new ArrayBuffer(44));
  const text = (offset, s) => { for (let i = 0; i < s.length; i++) header.setUint8(offset + i, s.charCodeAt(i)); };
  text(0, 'RIFF'); header.setUint32(4, 36 + length, true); text(8, 'WAVE');
  text(12, 'fmt '); header.setUint32(16, 16, true); header.setUint16(20, 1, true); header.setUint16(22, 1, true);
  header.setUint32(24, rate, true); header.setUint32(28, rate * 2, true); header.setUint16(32, 2, true); header.setUint16(34, 16, true);
  text(36, 'data'); header.setUint32(40, length, true);
  return new Blob([header.buffer, ...chunks], { type: 'audio/wav' });
}
