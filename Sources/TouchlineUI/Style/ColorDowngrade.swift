/// Pure functions that map `#RRGGBB` colours onto the palettes of less capable terminals.
public enum ColorDowngrade {
    /// The levels of the 6x6x6 colour cube of xterm-256 (indices 16-231).
    public static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// The 8 basic ANSI colours as xterm draws them: black, red, green, yellow, blue, magenta, cyan, white.
    public static let basicPalette: [RGB] = [
        RGB(0x000000), RGB(0xCD0000), RGB(0x00CD00), RGB(0xCDCD00),
        RGB(0x0000EE), RGB(0xCD00CD), RGB(0x00CDCD), RGB(0xE5E5E5),
    ]

    /// The nearest xterm-256 index to `color`, from the colour cube (16-231) or the grey ramp (232-255).
    ///
    /// The 16 system colours are skipped on purpose: terminals let users redefine them.
    public static func xterm256Index(_ color: RGB) -> Int {
        let red = Int(color.red), green = Int(color.green), blue = Int(color.blue)
        let cube = (nearestCubeLevel(red), nearestCubeLevel(green), nearestCubeLevel(blue))
        let cubeColor = RGB(red: UInt8(cubeLevels[cube.0]), green: UInt8(cubeLevels[cube.1]),
                            blue: UInt8(cubeLevels[cube.2]))
        let cubeIndex = 16 + 36 * cube.0 + 6 * cube.1 + cube.2
        let average = (red + green + blue) / 3
        let greyStep = average > 238 ? 23 : max(0, (average - 3) / 10)
        let greyLevel = UInt8(8 + 10 * greyStep)
        let greyColor = RGB(red: greyLevel, green: greyLevel, blue: greyLevel)
        let greyIndex = 232 + greyStep
        return distance(color, greyColor) < distance(color, cubeColor) ? greyIndex : cubeIndex
    }

    /// The colour an xterm-256 index stands for (system colours 0-15 as xterm draws them).
    public static func rgb(xterm256 index: Int) -> RGB {
        switch index {
        case ..<0: return basicPalette[0]
        case 0..<8: return basicPalette[index]
        case 8..<16:
            let bright: [RGB] = [RGB(0x7F7F7F), RGB(0xFF0000), RGB(0x00FF00), RGB(0xFFFF00),
                                 RGB(0x5C5CFF), RGB(0xFF00FF), RGB(0x00FFFF), RGB(0xFFFFFF)]
            return bright[index - 8]
        case 16..<232:
            let cube = index - 16
            return RGB(red: UInt8(cubeLevels[cube / 36]), green: UInt8(cubeLevels[(cube / 6) % 6]),
                       blue: UInt8(cubeLevels[cube % 6]))
        default:
            let level = UInt8(8 + 10 * (min(index, 255) - 232))
            return RGB(red: level, green: level, blue: level)
        }
    }

    /// The nearest of the 8 basic colours (0 black … 7 white) to `color`.
    ///
    /// Saturated colours go to their hue even when dark, so a dark red still reads as red; greys go to
    /// black or white by lightness.
    public static func basicIndex(_ color: RGB) -> Int {
        let red = Int(color.red), green = Int(color.green), blue = Int(color.blue)
        let high = max(red, green, blue), low = min(red, green, blue)
        if high - low < 48 {
            return high >= 128 ? 7 : 0
        }
        let threshold = (high + low) / 2
        let index = (red > threshold ? 1 : 0) | (green > threshold ? 2 : 0) | (blue > threshold ? 4 : 0)
        return index
    }

    /// A perceptual distance between two colours (the "redmean" weighting), squared.
    public static func distance(_ a: RGB, _ b: RGB) -> Int {
        let meanRed = (Int(a.red) + Int(b.red)) / 2
        let dr = Int(a.red) - Int(b.red), dg = Int(a.green) - Int(b.green), db = Int(a.blue) - Int(b.blue)
        return ((512 + meanRed) * dr * dr >> 8) + 4 * dg * dg + ((767 - meanRed) * db * db >> 8)
    }

    /// The index (0-5) of the cube level nearest to a component value.
    private static func nearestCubeLevel(_ value: Int) -> Int {
        var best = 0
        for (index, level) in cubeLevels.enumerated() where abs(level - value) < abs(cubeLevels[best] - value) {
            best = index
        }
        return best
    }
}
