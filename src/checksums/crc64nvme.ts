// CRC-64/NVME, the checksum S3 names CRC64NVME: the reflected CRC-64 with polynomial
// 0xad93d23594c93659 (0x9a6c9329ac4bc9b5 reflected), initial value and final XOR all ones
// (Amazon S3 User Guide, "Checking object integrity"; NVM Express NVM Command Set, 5.2.1.3.3).
// The 64-bit register is kept as two 32-bit halves so that no BigInt is needed per byte.
// The SDK's own @aws-sdk/crc64-nvme computes the same value, but only behind an asynchronous
// digest(), which the synchronous RunningChecksum cannot wait for.

const REFLECTED_HIGH = 0x9a6c9329;
const REFLECTED_LOW = 0xac4bc9b5;

const TABLE_HIGH = new Uint32Array(256);
const TABLE_LOW = new Uint32Array(256);
for (let byte = 0; byte < 256; byte++) {
  let high = 0;
  let low = byte;
  for (let bit = 0; bit < 8; bit++) {
    const carry = low & 1;
    low = ((low >>> 1) | ((high & 1) << 31)) >>> 0;
    high >>>= 1;
    if (carry) {
      high = (high ^ REFLECTED_HIGH) >>> 0;
      low = (low ^ REFLECTED_LOW) >>> 0;
    }
  }
  TABLE_HIGH[byte] = high;
  TABLE_LOW[byte] = low;
}

export class Crc64Nvme {
  private high = 0xffffffff;
  private low = 0xffffffff;

  update(data: Uint8Array): void {
    let { high, low } = this;
    for (let at = 0; at < data.length; at++) {
      const index = (low ^ (data[at] as number)) & 0xff;
      low = (((low >>> 8) | (high << 24)) ^ (TABLE_LOW[index] as number)) >>> 0;
      high = ((high >>> 8) ^ (TABLE_HIGH[index] as number)) >>> 0;
    }
    this.high = high;
    this.low = low;
  }

  /** The 8-byte big-endian digest. */
  digest(): Buffer {
    const bytes = Buffer.alloc(8);
    bytes.writeUInt32BE((this.high ^ 0xffffffff) >>> 0, 0);
    bytes.writeUInt32BE((this.low ^ 0xffffffff) >>> 0, 4);
    return bytes;
  }
}
