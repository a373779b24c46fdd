/// Maps 24-bit colours to what the terminal can show: 256-colour indexes or the 8 basic colours.
enum ColorMapper {
    /// The xterm-256 index nearest to `rgb` (the 6x6x6 cube or the grey ramp).
    static func xterm256(_ rgb: UInt32) -> Int16 {
        let (r, g, b) = (Int(rgb >> 16 & 0xff), Int(rgb >> 8 & 0xff), Int(rgb & 0xff))
        let levels = [0, 95, 135, 175, 215, 255]
        func nearest(_ value: Int) -> Int {
            levels.indices.min { abs(levels[$0] - value) < abs(levels[$1] - value) } ?? 0
        }
        let (ri, gi, bi) = (nearest(r), nearest(g), nearest(b))
        let cube = (levels[ri], levels[gi], levels[bi])
        let cubeDistance = distance((r, g, b), cube)
        let grey = max(0, min(23, ((r + g + b) / 3 - 8 + 5) / 10))
        let greyValue = 8 + grey * 10
        let greyDistance = distance((r, g, b), (greyValue, greyValue, greyValue))
        return greyDistance < cubeDistance ? Int16(232 + grey) : Int16(16 + 36 * ri + 6 * gi + bi)
    }

    /// The nearest of the 8 basic colours (COLOR_BLACK ... COLOR_WHITE).
    static func basic(_ rgb: UInt32) -> Int16 {
        let (r, g, b) = (Int(rgb >> 16 & 0xff), Int(rgb >> 8 & 0xff), Int(rgb & 0xff))
        let palette: [(Int, Int, Int)] = [(0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0),
                                          (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229)]
        return Int16(palette.indices.min { distance((r, g, b), palette[$0]) < distance((r, g, b), palette[$1]) } ?? 7)
    }

    private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let (dr, dg, db) = (a.0 - b.0, a.1 - b.1, a.2 - b.2)
        return 2 * dr * dr + 4 * dg * dg + 3 * db * db
    }
}
