/**
 * Input and output: CSV sources, model files, CSV and JSON outputs, charts.
 *
 * <p><b>CSV sources.</b> {@link dev.segmentation.io.CsvTransactionReader} reads
 * {@link dev.segmentation.data.Transactions} through a column mapping, streaming and straight from bytes (RFC 4180
 * quoting, any delimiter, UTF-8 or a declared charset, gzip detected by its magic bytes). Bad rows fail with the
 * file, the physical line, the column and the text, or are skipped and counted under
 * {@link dev.segmentation.data.InvalidRowPolicy#SKIP}; structural faults are
 * {@link dev.segmentation.io.CsvFormatException}s. {@link dev.segmentation.io.CsvPresets} holds ready mappings
 * for UCI Online Retail, Walmart train and Predict Future Sales; {@link dev.segmentation.io.OlistPayments} turns
 * the Olist payments file (no customer, no timestamp) into per-order payment features.
 *
 * <p><b>CSV outputs.</b> {@link dev.segmentation.io.CsvWriter} writes feature tables, per-entity assignments and
 * any header-plus-rows table atomically (temporary file, then a move), with doubles that read back to the same bits.
 */
package dev.segmentation.io;
