import TouchlineCore

/// The backup inventory on standard output for `touchline backups` and `touchline backup --list`.
public enum BackupListPrinter {
    /// Prints the backups of `config`'s directory as text or JSON (also `touchline backup --list`).
    public static func print(_ config: BackupConfig, environment: String, json: Bool) {
        let inventory = BackupInventory.load(directory: config.directory)
        HeadlessAction.output(json ? BackupOutput.render(BackupOutput.listJSON(inventory, environment: environment))
                                   : BackupOutput.listText(inventory, environment: environment))
    }
}
