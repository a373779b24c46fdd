import ArgumentParser

/// `--yes` and `--confirm ENVIRONMENT`, the two ways a headless action is confirmed without a dialog: `--yes`
/// skips the terminal's question in an unprotected environment; `--confirm` types the environment's name, which a
/// protected one requires. Shared by `restart`, `silence`, `expire-silence`, `cancel-query` and
/// `terminate-session`; the rules that judge them are `ActionConfirmationRules` (App).
struct ConfirmationOptions: ParsableArguments {
    @Flag(name: .long, help: "Do not ask on a terminal (an unprotected environment).")
    var yes = false

    @Option(name: .long, help: ArgumentHelp("Type the environment's name to confirm (required when it is protected).",
                                            valueName: "ENVIRONMENT"))
    var confirm: String?
}
