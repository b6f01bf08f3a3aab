/**
 * The demo district seeded on first start (R-BUY-1): the district bureau and three towns with their
 * villages/communities. Ids are stable so dev tokens can name them (`--purchaser pur-town-1`).
 */
export interface Purchaser {
  id: string;
  level: 'district' | 'town';
  nameZh: string;
  nameEn: string;
  villages: { id: string; nameZh: string }[];
}

export const DEMO_DISTRICT: readonly Purchaser[] = [
  {
    id: 'pur-district',
    level: 'district',
    nameZh: '示范区民政局',
    nameEn: 'Demo District Civil Affairs Bureau',
    villages: [],
  },
  {
    id: 'pur-town-1',
    level: 'town',
    nameZh: '东山镇人民政府',
    nameEn: 'Dongshan Town Government',
    villages: [
      { id: 'vil-1-1', nameZh: '东山村' },
      { id: 'vil-1-2', nameZh: '西岭村' },
      { id: 'vil-1-3', nameZh: '河口社区' },
    ],
  },
  {
    id: 'pur-town-2',
    level: 'town',
    nameZh: '南湖街道办事处',
    nameEn: 'Nanhu Street Office',
    villages: [
      { id: 'vil-2-1', nameZh: '南湖社区' },
      { id: 'vil-2-2', nameZh: '柳岸社区' },
    ],
  },
  {
    id: 'pur-town-3',
    level: 'town',
    nameZh: '北坡镇人民政府',
    nameEn: 'Beipo Town Government',
    villages: [
      { id: 'vil-3-1', nameZh: '北坡村' },
      { id: 'vil-3-2', nameZh: '杏林村' },
      { id: 'vil-3-3', nameZh: '石桥村' },
      { id: 'vil-3-4', nameZh: '新华社区' },
    ],
  },
];
