package io.sadtalker.enhance.realesrgan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.sadtalker.core.GradMode;
import java.nio.ByteBuffer;

/**
 * Real-ESRGAN's {@code RealESRGANer.enhance} (realesrgan/utils.py) for 8-bit BGR images with
 * {@code pre_pad 0} and {@code outscale == scale}: /255, BGR->RGB, reflect mod pad of the bottom/right edge
 * (to a multiple of 2 for scale 2, 4 for scale 1), tiled inference (tiles of {@code tile} px with up to
 * {@code tilePad} px of context, only the un-padded part of each output kept; {@code tile <= 0} = one pass), crop
 * of the mod pad, clamp [0, 1], RGB->BGR, {@code round(x * 255)}. Safe for concurrent calls.
 */
final class RealESRGANer {
    private final RRDBNet model;
    private final int tile;
    private final int tilePad;

    /** SadTalker's background upsampler: {@code tile 400, tile_pad 10}. */
    RealESRGANer(RRDBNet model, int tile, int tilePad) {
        this.model = model;
        this.tile = tile;
        this.tilePad = tilePad;
    }

    /** HWC BGR uint8 ({@code width x height}) -> HWC BGR uint8 of {@code scale} times the size. */
    byte[] enhance(byte[] bgr, int width, int height, NDManager manager) {
        GradMode.disableForThisThread();
        try (NDManager scope = manager.newSubManager()) {
            NDArray img = scope.create(ByteBuffer.wrap(bgr), new Shape(height, width, 3), DataType.UINT8)
                    .toType(DataType.FLOAT32, false).div(255f).flip(2).transpose(2, 0, 1).expandDims(0);
            return toBgr(process(img));
        }
    }

    /** The end of enhance: raw (1, 3, H, W) RGB output -> clamp [0, 1], RGB->BGR, round(x * 255), HWC uint8. */
    static byte[] toBgr(NDArray raw) {
        NDArray out = raw.squeeze(0).clip(0f, 1f).flip(0).transpose(1, 2, 0);
        return out.mul(255f).round().toType(DataType.UINT8, false).toByteArray();
    }

    /** pre_process + tile_process + post_process: (1, 3, h, w) RGB in [0, 1] -> the raw output, not clamped. */
    NDArray process(NDArray img) {
        int scale = model.scale();
        int mod = scale == 2 ? 2 : scale == 1 ? 4 : 1;
        long h = img.getShape().get(2);
        long w = img.getShape().get(3);
        long padH = h % mod == 0 ? 0 : mod - h % mod;
        long padW = w % mod == 0 ? 0 : mod - w % mod;
        NDArray padded = reflectPadEnd(reflectPadEnd(img, 2, padH), 3, padW);
        NDArray out = tile > 0 ? tileProcess(padded) : model.forward(padded);
        return out.get(new NDIndex(":, :, :{}, :{}", h * scale, w * scale));
    }

    private NDArray tileProcess(NDArray img) {
        int scale = model.scale();
        long height = img.getShape().get(2);
        long width = img.getShape().get(3);
        long tilesX = (width + tile - 1) / tile;
        long tilesY = (height + tile - 1) / tile;
        NDList rows = new NDList();
        for (long y = 0; y < tilesY; y++) {
            NDList row = new NDList();
            for (long x = 0; x < tilesX; x++) {
                long sx = x * tile;
                long ex = Math.min(sx + tile, width);
                long sy = y * tile;
                long ey = Math.min(sy + tile, height);
                long sxPad = Math.max(sx - tilePad, 0);
                long exPad = Math.min(ex + tilePad, width);
                long syPad = Math.max(sy - tilePad, 0);
                long eyPad = Math.min(ey + tilePad, height);
                NDArray outTile = model.forward(img.get(new NDIndex(":, :, {}:{}, {}:{}", syPad, eyPad, sxPad, exPad)));
                long ox = (sx - sxPad) * scale;
                long oy = (sy - syPad) * scale;
                row.add(outTile.get(new NDIndex(":, :, {}:{}, {}:{}", oy, oy + (ey - sy) * scale, ox,
                        ox + (ex - sx) * scale)));
            }
            rows.add(NDArrays.concat(row, 3));
        }
        return NDArrays.concat(rows, 2);
    }

    /** {@code F.pad(x, ..., 'reflect')} of {@code pad} elements at the end of {@code axis} (edge not repeated). */
    private static NDArray reflectPadEnd(NDArray x, int axis, long pad) {
        if (pad == 0) {
            return x;
        }
        long n = x.getShape().get(axis);
        String before = ":, ".repeat(axis);
        NDArray tail = x.get(new NDIndex(before + "{}:{}", n - 1 - pad, n - 1)).flip(axis);
        return NDArrays.concat(new NDList(x, tail), axis);
    }
}
