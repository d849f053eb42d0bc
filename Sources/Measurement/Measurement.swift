// Measurement module
