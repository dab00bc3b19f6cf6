"""Derivation and checks of the squared matrix element of V -> mu- mu+ Z' (V = virtual photon
of mass sqrt(s), or the Z), Z' radiated from the muon lines, unit vector couplings.

Run with `python3 docs/derivations/ee_mumu_zp.py` (needs sympy and numpy, ~2 s). It prints
the coefficients A, B, C of
    sum |M|^2 = A/D1^2 + B/D2^2 + C/(D1 D2),  D_i = s_i - m^2,  s1 = (p1+k)^2, s2 = (p2+k)^2,
used in crates/zprime/src/observables/ee_mumu_zp.rs, then checks them against the explicit
4x4 Dirac-matrix sum over spins and physical polarizations (full sums -g + q q/q^2 for both
vectors, i.e. without assuming the Ward identities), checks the Ward identities themselves
(eps_V -> Q and eps_Z' -> k give a zero amplitude between on-shell spinors) and prints
reference values for the Rust unit test.

Amplitude: M = eps_V^a eps'*_b ubar(p1) O^{ab} v(p2),
  O^{ab} = g^b (p1+k+m) g^a / D1 + g^a (-p2-k+m) g^b / D2.
Trace with the -g parts of both polarization sums, contracted with the 4-dimensional
identities g^m a1..an g_m = -2 an..a1 (n odd), 2[an a1..a(n-1) + a(n-1)..a1 an] (n even).
"""
import numpy as np
import sympy as sp

s, M2, m, s1, s2 = sp.symbols("s M2 m s1 s2", positive=True)
m2 = m**2
D1, D2 = sp.symbols("D1 D2")
DOT = {("k","k"): M2, ("p1","p1"): m2, ("p2","p2"): m2,
       ("k","p1"): (s1-m2-M2)/2, ("k","p2"): (s2-m2-M2)/2,
       ("p1","p2"): (s+M2-s1-s2)/2}
def dot(a,b):
    return DOT[tuple(sorted((a,b)))]
def slash(**c):
    # list of (coef, item or None for scalar)
    return [(v, k) for k, v in c.items()]
def product(factors):
    terms = [(sp.Integer(1), [])]
    for f in factors:
        new = []
        for c, items in terms:
            for cf, it in f:
                new.append((c*cf, items + ([it] if it is not None else [])))
        terms = new
    return terms
def contract_index(items, X):
    i = items.index(X); j = items.index(X, i+1)
    S = items[i+1:j]; n = len(S)
    pre, post = items[:i], items[j+1:]
    if n == 0: return [(4, pre+post)]
    if n % 2: return [(-2, pre+S[::-1]+post)]
    return [(2, pre+[S[-1]]+S[:-1]+post), (2, pre+S[:-1][::-1]+[S[-1]]+post)]
def trace(items):
    n = len(items)
    if n == 0: return sp.Integer(4)
    if n % 2: return sp.Integer(0)
    out = 0
    a = items[0]
    for i in range(1, n):
        sign = 1 if i % 2 else -1
        out += sign*dot(a, items[i])*trace(items[1:i]+items[i+1:])
    return out
g = lambda X: [(1, X)]
one = [(1, None)]
P1 = slash(p1=1, k=1) + [(m, None)]          # p1+k+m
P2 = slash(p2=-1, k=-1) + [(m, None)]        # -p2-k+m
U = slash(p1=1) + [(m, None)]                # p1 + m
Vb = slash(p2=1) + [(-m, None)]              # p2 - m
# O = [gB P1 gA]/D1 + [gA P2 gB]/D2 ; Obar = [gA P1 gB]/D1 + [gB P2 gA]/D2 (same indices, contracted)
O = [([g("B"), P1, g("A")], 1/D1), ([g("A"), P2, g("B")], 1/D2)]
Ob = [([g("A"), P1, g("B")], 1/D1), ([g("B"), P2, g("A")], 1/D2)]
total = 0
for fo, co in O:
    for fb, cb in Ob:
        terms = product([U] + fo + [Vb] + fb)
        for X in ("A", "B"):
            new = []
            for c, items in terms:
                for c2, it2 in contract_index(items, X):
                    new.append((c*c2, it2))
            terms = new
        total += co*cb*sum(c*trace(items) for c, items in terms)
total = sp.expand(total)
poly = sp.Poly(total, 1/D1, 1/D2)
res = {}
for mon, c in poly.terms():
    res[mon] = sp.factor(sp.expand(c))
    print(mon, res[mon])
rng = np.random.default_rng(1)
I2 = np.eye(2); Z2 = np.zeros((2,2))
sx = np.array([[0,1],[1,0]],complex); sy = np.array([[0,-1j],[1j,0]]); sz = np.array([[1,0],[0,-1]],complex)
g0 = np.block([[I2,Z2],[Z2,-I2]]).astype(complex)
gs = [np.block([[Z2,s],[-s,Z2]]) for s in (sx,sy,sz)]
G = [g0]+gs
metric = np.diag([1.,-1,-1,-1])
def sl(p): return sum(metric[mu,mu]*p[mu]*G[mu] for mu in range(4))
def mdot(a,b): return a[0]*b[0]-a[1:]@b[1:]
def boost_from_rest(p_rest, P):  # boost p_rest from rest frame of P (mass sqrt P^2)
    M = np.sqrt(mdot(P,P)); b = P[1:]/P[0]; g = P[0]/M; b2 = b@b
    if b2 == 0: return p_rest
    E = p_rest[0]; v = p_rest[1:]; bp = b@v
    E2 = g*(E+bp); v2 = v + ((g-1)*bp/b2 + g*E)*b
    return np.concatenate([[E2], v2])
def two_body(Mp, m1, m2):
    p = np.sqrt((Mp**2-(m1+m2)**2)*(Mp**2-(m1-m2)**2))/(2*Mp)
    n = rng.normal(size=3); n/=np.linalg.norm(n)
    return np.concatenate([[np.sqrt(m1**2+p*p)], p*n]), np.concatenate([[np.sqrt(m2**2+p*p)], -p*n])
def point(s, M, m):
    # V at rest; pick m12 of (mu- mu+) pair uniformly
    W = np.sqrt(s)
    m12 = rng.uniform(2*m, W-M)
    k, P12 = two_body(W, M, m12)
    a, b = two_body(m12, m, m)
    return boost_from_rest(a, P12), boost_from_rest(b, P12), k
def pol_basis(P):
    M = np.sqrt(mdot(P,P)); out=[]
    for i in range(3):
        e = np.zeros(4); e[i+1]=1
        out.append(boost_from_rest(e, P) if np.linalg.norm(P[1:])>0 else e)
    return out
def O(p1,p2,k,eV,eZ,m):
    D1 = mdot(p1+k,p1+k)-m*m; D2 = mdot(p2+k,p2+k)-m*m
    E = np.eye(4)
    return (sl(eZ)@(sl(p1+k)+m*E)@sl(eV)/D1 + sl(eV)@(-sl(p2+k)+m*E)@sl(eZ)/D2)
def msq(p1,p2,k,m):
    Q = p1+p2+k; tot = 0
    for eV in pol_basis(Q):
        for eZ in pol_basis(k):
            Om = O(p1,p2,k,eV,eZ,m)
            Ob = g0@Om.conj().T@g0
            tot += np.trace((sl(p1)+m*np.eye(4))@Om@(sl(p2)-m*np.eye(4))@Ob).real
    return tot
def formula(s,M2,m,s1,s2):
    D1=s1-m*m; D2=s2-m*m; m2=m*m
    A=-8*(2*M2*m2+M2*s+m2**2+2*m2*s+3*m2*s1+m2*s2-s1*s2)
    B=-8*(2*M2*m2+M2*s+m2**2+2*m2*s+m2*s1+3*m2*s2-s1*s2)
    C=16*(M2**2+2*M2*m2+2*M2*s-M2*s1-M2*s2-2*m2**2+2*m2*s-m2*s1-m2*s2+s**2-s*s1-s*s2)
    return A/D1**2+B/D2**2+C/(D1*D2)
worst=0; ward=0
for (s,M,m) in [(10.58**2,0.5,0.1057),(10.58**2,5.0,0.1057),(91.19**2,20.,0.1057),(1.0,0.3,0.1)]:
    for _ in range(20):
        p1,p2,k = point(s,M,m)
        s1=mdot(p1+k,p1+k); s2=mdot(p2+k,p2+k)
        a=msq(p1,p2,k,m); b=formula(s,M*M,m,s1,s2)
        worst=max(worst,abs(a/b-1))
        Q=p1+p2+k; E=np.eye(4)
        for eZ in pol_basis(k):
            w = (sl(p1)+m*E)@O(p1,p2,k,Q,eZ,m)@(sl(p2)-m*E)
            ward=max(ward,np.abs(w).max()/np.abs((sl(p1)+m*E)@O(p1,p2,k,pol_basis(Q)[0],eZ,m)@(sl(p2)-m*E)).max())
        for eV in pol_basis(Q):
            w = (sl(p1)+m*E)@O(p1,p2,k,eV,k,m)@(sl(p2)-m*E)
            ward=max(ward,np.abs(w).max()/np.abs((sl(p1)+m*E)@O(p1,p2,k,eV,pol_basis(k)[0],m)@(sl(p2)-m*E)).max())
print("max |trace formula / explicit Dirac - 1| =", worst)
print("max Ward ratio (eps_V -> Q, eps_Z' -> k) =", ward)

print("reference points for crates/zprime/src/observables/ee_mumu_zp/tests.rs:")
print("(s, M2, m, s1, s2, explicit Dirac sum)")
for (s_, M_, m_) in [(10.58**2, 0.5, 0.1056583755), (10.58**2, 5.0, 0.1056583755), (91.188**2, 20.0, 0.1056583755)]:
    p1, p2, k = point(s_, M_, m_)
    s1_ = mdot(p1+k, p1+k); s2_ = mdot(p2+k, p2+k)
    print(f"({s_!r}, {M_*M_!r}, {m_!r}, {float(s1_)!r}, {float(s2_)!r}, {float(msq(p1, p2, k, m_))!r}),")
