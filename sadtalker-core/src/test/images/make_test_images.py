"""Writes the small test pictures in ../resources/images (run with Debian's python3-pil; output is committed).

cmyk.jpg: a 64x48 CMYK JPEG, left half pure cyan-free red (C=0, M=255, Y=255, K=0), right half white.
exif-rotated.jpg: a 64x48 RGB JPEG stored landscape, red left half, with EXIF orientation 6 (rotate 90 CW to display).
"""
from PIL import Image

w, h = 64, 48
cmyk = Image.new("CMYK", (w, h), (0, 0, 0, 0))
for x in range(w // 2):
    for y in range(h):
        cmyk.putpixel((x, y), (0, 255, 255, 0))
cmyk.save("../resources/images/cmyk.jpg", quality=95)

rgb = Image.new("RGB", (w, h), (255, 255, 255))
for x in range(w // 2):
    for y in range(h):
        rgb.putpixel((x, y), (255, 0, 0))
exif = Image.Exif()
exif[0x0112] = 6
rgb.save("../resources/images/exif-rotated.jpg", quality=95, exif=exif.tobytes())
