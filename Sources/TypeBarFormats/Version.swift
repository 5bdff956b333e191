/// typebar's version, shown by --version and written into records.
public enum TypeBarVersion {
    public static let current = "0.1.0"
}
