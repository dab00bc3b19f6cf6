"""K_F of paper 004 Eq. (32)-(33): the one-loop correction of a massive vector (mass M, vector
coupling g') to the Z f fbar vertex of a massless fermion, in units of g'^2/(16 pi^2).

Subtracted vertex form factor (Ward identity: vertex(q^2 = 0) + wave function = 0), Feynman
parameters x + y + z = 1, q^2 = s:

    K(s) = 2 Int [ ln(z M^2/(z M^2 - x y s)) + (1-x)(1-y) s/(z M^2 - x y s) ]

Checked here: (1) at spacelike s = -Q^2 (no singularity) the closed form
    G(w) = -7/2 - 2w - (2w+3) ln(-w) + 2(1+w)^2 [Li2(1+1/w) - pi^2/6],  w = M^2/s,
equals the integral; G is analytic off w > 0 (timelike), so the physical value is G(x - i0),
x = M^2/m_Z^2, whose real part is the printed form with Re Li2; (2) the limits. Needs mpmath.
Run: python3 docs/derivations/z_couplings_kf.py
"""
import mpmath as mp

mp.mp.dps = 40


def feynman_integral_spacelike(q2, m2):
    def f(x, y):
        z = 1 - x - y
        if z <= 0:
            return 0
        d = z * m2 + x * y * q2
        return mp.log(z * m2 / d) + (1 - x) * (1 - y) * (-q2) / d
    return 2 * mp.quad(lambda x: mp.quad(lambda y: f(x, y), [0, 1 - x]), [0, 1])


def g_closed(w):
    return (-mp.mpf(7) / 2 - 2 * w - (2 * w + 3) * mp.log(-w)
            + 2 * (1 + w) ** 2 * (mp.polylog(2, 1 + 1 / w) - mp.pi ** 2 / 6))


def k_f(x):
    """Physical sheet: w = x - i0, i.e. ln(-w) = ln x + i pi, Li2(1 + 1/x + i0)."""
    x = mp.mpf(x)
    l1 = mp.log(1 + 1 / x)
    re = -mp.mpf(7) / 2 - 2 * x - (2 * x + 3) * mp.log(x) + 2 * (1 + x) ** 2 * (
        l1 * mp.log(x) - mp.polylog(2, -1 / x))
    im = mp.pi * (2 * (1 + x) ** 2 * l1 - (2 * x + 3))
    return mp.mpc(re, im)


if __name__ == "__main__":
    print("spacelike: Feynman integral vs closed form G(-M^2/Q^2)")
    for u in [0.01, 0.3, 1, 5, 50]:
        a, b = feynman_integral_spacelike(1, u), g_closed(mp.mpf(-u))
        print(f"  M^2/Q^2 = {u}: {mp.nstr(a, 18)}  {mp.nstr(b, 18)}")
        assert abs(a - b) < 1e-15 and abs(mp.im(b)) < 1e-15
    print("timelike K_F(x) (re, im): the reference values of z_couplings/tests.rs")
    for x in [1e-4, 0.01, 1, 100]:
        k = k_f(x)
        # the same function as the continuation G(x - i0)
        assert abs(k - g_closed(mp.mpc(x, -1e-30))) < 1e-12
        print(f"  x = {x}: {mp.nstr(mp.re(k), 18)}  {mp.nstr(mp.im(k), 18)}")
    print("limits")
    for x in [1e-8, 1e-12]:
        L = mp.log(1 / mp.mpf(x))
        print(f"  x = {x}: K_F {mp.nstr(mp.re(k_f(x)), 12)}, -L^2+3L-7/2+pi^2/3 = "
              f"{mp.nstr(-L**2 + 3*L - 3.5 + mp.pi**2/3, 12)}")
    for x in [1e3, 1e5]:
        e, L = 1 / mp.mpf(x), mp.log(x)
        series = e * (2 * L / 3 + mp.mpf(11) / 9) - e**2 * (L / 6 + mp.mpf(13) / 72) + e**3 * (
            L / 15 + mp.mpf(47) / 900)
        print(f"  x = {x}: K_F {mp.nstr(mp.re(k_f(x)), 15)}, series to x^-3 {mp.nstr(series, 15)}")
