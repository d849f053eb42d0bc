/// A raw file descriptor number. Not an owner: whoever opened it closes it
/// (with `System.close`), which keeps ownership explicit at each call site.
public typealias FileDescriptor = Int32
