// AudioWorklet: gathers the microphone's 128-sample blocks into 20 ms chunks (960 samples at
// 48 kHz) so the page posts ~50 messages/s, not ~375.
class Pcm16Capture extends AudioWorkletProcessor {
  constructor() {
    super();
    this.size = Math.round(sampleRate / 50);
    this.buffer = new Float32Array(this.size);
    this.filled = 0;
  }

  process(inputs) {
    const input = inputs[0] && inputs[0][0];
    if (input) {
      let offset = 0;
      while (offset < input.length) {
        const n = Math.min(input.length - offset, this.size - this.filled);
        this.buffer.set(input.subarray(offset, offset + n), this.filled);
        this.filled += n;
        offset += n;
        if (this.filled === this.size) {
          this.port.postMessage(this.buffer.slice(0));
          this.filled = 0;
        }
      }
    }
    return true;
  }
}

registerProcessor('pcm16-capture', Pcm16Capture);
