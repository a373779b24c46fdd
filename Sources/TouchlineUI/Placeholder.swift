/// Placeholder until the renderer lands.
enum TouchlineUIPlaceholder {}
