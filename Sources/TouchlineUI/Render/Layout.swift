import TouchlineCore

/// Where the header, the footer and each pane go on a screen of a given size.
///
/// Three bands between header and footer: Services across the full width (as tall as its rows need,
/// at most a third of the screen), Database | Redis, then API latency | Events. From 120x40 up the
/// middle band has a fixed height that fits its content and the latency graph and the events take the
/// rest; below that (the compact layout, from 80x24) Services may take two fifths and the two lower
/// bands share the rest evenly. While an action's output is shown, the Output pane takes the place of
/// API latency (per-service latency stays in Services). Zoomed, the focused pane takes the whole body.
public struct Layout: Sendable, Equatable {
    /// The top line.
    public var header: Rect
    /// The bottom line.
    public var footer: Rect
    /// Everything between header and footer.
    public var body: Rect
    /// Whether the compact proportions are used (below 120x40).
    public var isCompact: Bool
    /// Pane rectangles in the order of ``index(_:)``.
    private var rects: [Rect]

    /// Rows of the Database | Redis band in the default layout: room for every line of both panes.
    public static let metricsBandHeight = 11

    /// The width and height from which the default (non-compact) layout is used.
    public static let defaultMinimumWidth = 120
    /// See ``defaultMinimumWidth``.
    public static let defaultMinimumHeight = 40

    /// Computes the layout of a `width` x `height` screen listing `serviceRows` services; `zoomed`
    /// gives that pane the whole body; `showOutput` puts the Output pane where API latency is.
    public init(width: Int, height: Int, serviceRows: Int, zoomed: Pane? = nil, showOutput: Bool = false) {
        header = Rect(x: 0, y: 0, width: width, height: min(1, height))
        footer = Rect(x: 0, y: max(0, height - 1), width: width, height: height > 1 ? 1 : 0)
        body = Rect(x: 0, y: 1, width: width, height: height - 2)
        isCompact = width < Self.defaultMinimumWidth || height < Self.defaultMinimumHeight
        rects = Array(repeating: Rect(x: 0, y: 0, width: 0, height: 0), count: Pane.allCases.count)
        if let zoomed {
            set(zoomed, body)
            return
        }
        let servicesHeight = min(max(serviceRows + 3, 5), max(5, isCompact ? body.height * 2 / 5 : body.height / 3))
        let (services, rest) = body.splitTop(servicesHeight)
        let middleHeight: Int
        if isCompact {
            middleHeight = (rest.height + 1) / 2
        } else {
            middleHeight = min(Self.metricsBandHeight, rest.height / 2)
        }
        let (middle, bottom) = rest.splitTop(middleHeight)
        let half = width / 2
        let (database, redis) = middle.splitLeft(half)
        let (latency, events) = bottom.splitLeft(half)
        set(.services, services)
        set(.database, database)
        set(.redis, redis)
        set(showOutput ? .output : .latency, latency)
        set(.events, events)
    }

    /// The rectangle of `pane`; empty when it is not shown (zoomed into another pane).
    public func rect(for pane: Pane) -> Rect {
        rects[Self.index(pane)]
    }

    /// Stores the rectangle of `pane`.
    private mutating func set(_ pane: Pane, _ rect: Rect) {
        rects[Self.index(pane)] = rect
    }

    /// The position of `pane` in ``rects``.
    private static func index(_ pane: Pane) -> Int {
        switch pane {
        case .services: return 0
        case .database: return 1
        case .redis: return 2
        case .latency: return 3
        case .events: return 4
        case .output: return 5
        }
    }
}
