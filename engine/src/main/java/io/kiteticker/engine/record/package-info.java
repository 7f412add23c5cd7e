/**
 * The record layout shared by everything that stores or ships ticks and text messages as bytes: the journal
 * (one Chronicle document per ring batch) and, later, the Aeron fan-out (one message per batch). A batch is a
 * {@link io.kiteticker.engine.record.BatchHeaderFlyweight} followed by records, each a
 * {@link io.kiteticker.engine.record.RecordFlyweight} header and its payload padded to
 * {@link io.kiteticker.engine.record.RecordFormat#ALIGNMENT}. The flyweights work over any Agrona
 * {@code DirectBuffer}/{@code MutableDirectBuffer} and depend on no storage or transport.
 */
package io.kiteticker.engine.record;
