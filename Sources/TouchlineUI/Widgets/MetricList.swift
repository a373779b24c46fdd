import TouchlineCore

/// Draws ``MetricLine``s top to bottom in a rectangle: a label column when there is room, values
/// wrapped after it; lines that do not fit are left out, so put the important ones first.
public enum MetricList {
    /// The narrowest width that gets a label column.
    public static let labelColumnMinimumWidth = 46
    /// The widest a gauge grows.
    public static let maximumBarWidth = 40

    /// Draws `lines` into `rect`; with `dimmed`, every value is drawn in the `dim` role (last known values).
    public static func draw(_ lines: [MetricLine], in rect: Rect, dimmed: Bool, into buffer: inout CellBuffer) {
        guard !rect.isEmpty else { return }
        let labelWidth = rect.width >= labelColumnMinimumWidth ? labelColumnWidth(lines) : 0
        let values = Rect(x: rect.x + labelWidth, y: rect.y, width: rect.width - labelWidth, height: rect.height)
        var y = rect.y
        for line in lines where y < rect.maxY {
            switch line {
            case .notice(let fields):
                y = drawFields(fields, in: Rect(x: rect.x, y: y, width: rect.width, height: rect.maxY - y),
                               dimmed: false, into: &buffer)
            case .text(let label, let spans):
                drawLabel(label, width: labelWidth, x: rect.x, y: y, into: &buffer)
                buffer.write(TextFit.truncate(restyled(spans, dimmed: dimmed), to: values.width), x: values.x, y: y)
                y += 1
            case .bar(let label, let shortLabel, let fraction, let fillRole, let trailing):
                drawLabel(label, width: labelWidth, x: rect.x, y: y, into: &buffer)
                var x = values.x
                if labelWidth == 0 { x += buffer.write(shortLabel + " ", x: x, y: y, role: dimmed ? .dim : .label) }
                let tail = restyled(trailing, dimmed: dimmed)
                let tailWidth = tail.reduce(0) { $0 + $1.width }
                let barWidth = min(maximumBarWidth, values.maxX - x - tailWidth - 1)
                if barWidth >= 4 {
                    let spans = Bar.spans(fraction: fraction, width: barWidth, fillRole: dimmed ? .dim : fillRole,
                                          emptyRole: .barEmpty)
                    x += buffer.write(spans, x: x, y: y) + 1
                }
                buffer.write(TextFit.truncate(tail, to: values.maxX - x), x: x, y: y)
                y += 1
            case .fields(let label, let fields, let shortLabel, let wraps):
                drawLabel(label, width: labelWidth, x: rect.x, y: y, into: &buffer)
                var indent = 0
                if labelWidth == 0, let shortLabel {
                    indent = buffer.write(shortLabel + " ", x: values.x, y: y, role: dimmed ? .dim : .label)
                }
                let shown = labelWidth == 0 ? fields.filter { !$0.isOptional } : fields
                y = drawFields(shown, in: Rect(x: values.x, y: y, width: values.width, height: wraps ? rect.maxY - y : 1),
                               firstLineIndent: indent, wraps: wraps, dimmed: dimmed, into: &buffer)
            }
        }
    }

    /// Lays `fields` out from the top of `rect` (the first line starting `firstLineIndent` columns in),
    /// separated by ` · `; when a field does not fit it goes to the next line (`wraps`) or is left out.
    /// Returns the next free row.
    public static func drawFields(_ fields: [Field], in rect: Rect, firstLineIndent: Int = 0, wraps: Bool = true,
                                  dimmed: Bool, into buffer: inout CellBuffer) -> Int {
        guard !rect.isEmpty else { return rect.y }
        var x = rect.x + firstLineIndent, y = rect.y
        var lineHasField = false
        for field in fields {
            let width = field.width
            if lineHasField && x + 3 + width > rect.maxX {
                if !wraps { continue }
                y += 1
                x = rect.x
                lineHasField = false
                if y >= rect.maxY { return y }
            }
            if lineHasField { x += buffer.write(" · ", x: x, y: y, role: .dim) }
            let spans = restyled(field.spans, dimmed: dimmed)
            x += buffer.write(TextFit.truncate(spans, to: rect.maxX - x), x: x, y: y)
            lineHasField = true
        }
        return y + 1
    }

    /// The widest label plus two columns of gap; 0 when no line has a label.
    private static func labelColumnWidth(_ lines: [MetricLine]) -> Int {
        var widest = 0
        for line in lines {
            switch line {
            case .bar(let label, _, _, _, _), .fields(let label, _, _, _), .text(let label, _):
                widest = max(widest, DisplayWidth.of(label))
            case .notice:
                break
            }
        }
        return widest == 0 ? 0 : widest + 2
    }

    /// Writes a line's label in the label column (nothing when there is no column).
    private static func drawLabel(_ label: String, width: Int, x: Int, y: Int, into buffer: inout CellBuffer) {
        guard width > 0 else { return }
        buffer.write(label, x: x, y: y, role: .label, maxWidth: width - 1)
    }

    /// The spans in the `dim` role when `dimmed`, unchanged otherwise.
    private static func restyled(_ spans: [Span], dimmed: Bool) -> [Span] {
        guard dimmed else { return spans }
        return spans.map { Span($0.text, .dim) }
    }
}
