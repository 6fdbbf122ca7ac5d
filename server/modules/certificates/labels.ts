// Printed labels of the certificate PDF, in the language the course was taken in (English where not translated).
import type { CertificateLabels } from './pdf.ts';

export const PDF_LABELS: Record<string, CertificateLabels> = {
  fr: {
    title: 'Certificat de réussite',
    certifies: 'Il est certifié que',
    completed: 'a suivi avec succès le cours',
    issued: 'Délivré le',
    number: 'Certificat n°',
    issuer: 'Émetteur',
    verify: 'Vérifier sur',
    scan: 'Scanner pour vérifier',
  },
  zh: {
    title: '结业证书',
    certifies: '兹证明',
    completed: '已成功完成课程',
    issued: '颁发日期',
    number: '证书编号',
    issuer: '颁发机构',
    verify: '核验网址',
    scan: '扫码核验',
  },
  id: {
    title: 'Sertifikat Kelulusan',
    certifies: 'Dengan ini menyatakan bahwa',
    completed: 'telah berhasil menyelesaikan kursus',
    issued: 'Diterbitkan pada',
    number: 'Nomor sertifikat',
    issuer: 'Penerbit',
    verify: 'Verifikasi di',
    scan: 'Pindai untuk memverifikasi',
  },
};
