/**
 * The parity test kit shared by every module (shipped in the sadtalker-core test-jar).
 *
 * <ul>
 *   <li>{@link io.sadtalker.testkit.Fixtures}: where the fixtures ({@code -Dsadtalker.fixtures}, default
 *       {@code ../shared/fixtures} beside the Maven root) and the synthetic-checkpoint cache live.</li>
 *   <li>{@link io.sadtalker.testkit.ParityTests#cases}: one JUnit dynamic test per case directory of a stage,
 *       named {@code stage/case}; {@link io.sadtalker.testkit.FixtureCases} discovers them.</li>
 *   <li>{@link io.sadtalker.testkit.FixtureCase}: case.json, inputs / expected tensors, and the synthetic
 *       {@link io.sadtalker.core.weights.Weights} of the networks the case runs.</li>
 *   <li>{@link io.sadtalker.testkit.ParityAssert}: the tolerance metrics of case.json, derived (sliced) expected
 *       tensors, and failure messages naming the worst element; {@code checkAll} checks exactly the expected
 *       tensors a case lists (never one it does not list), {@code checkInfo} an info value at the rule of the
 *       tensor holding the same quantity.</li>
 *   <li>{@link io.sadtalker.testkit.SyntheticWeights}, {@link io.sadtalker.testkit.Manifest},
 *       {@link io.sadtalker.testkit.SyntheticCheckpoints}: the bit-exact synthetic weights and full-size
 *       checkpoint files in the official containers.</li>
 * </ul>
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> parity() {
 *     return ParityTests.cases("mapping", c -> {
 *         try (NDManager manager = NDManager.newBaseManager()) {
 *             MappingNet net = c.weights(manager).bind(w -> MappingNet.load(w, config(c.params())));
 *             Mapping he = net.forward(c.input("input_3dmm", manager));
 *             ParityAssert.checkAll(c, name -> switch (name) {
 *                 case "yaw" -> HostTensor.of(he.yaw());
 *                 case "pitch" -> HostTensor.of(he.pitch());
 *                 default -> null; // an expected tensor without an output fails
 *             });
 *         }
 *     });
 * }
 * }</pre>
 */
package io.sadtalker.testkit;
